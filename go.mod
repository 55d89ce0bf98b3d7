module github.com/backlogtool/backlog

go 1.26.8

require (
	github.com/rogpeppe/go-internal v1.16.0
	github.com/yuin/goldmark v1.8.7
	golang.org/x/sys v0.50.0
	gopkg.in/yaml.v3 v3.0.1
)

require golang.org/x/tools v0.26.0 // indirect
