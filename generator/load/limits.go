package load

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/backlogtool/backlog/generator/model"
	"gopkg.in/yaml.v3"
)

func (d *doc) limits(n *yaml.Node, l *model.Limits) {
	pairs, ok := d.mapping(n, "limits")
	if !ok {
		return
	}
	for _, p := range pairs {
		switch p.key {
		case "item_size", "total_size":
			size, err := parseSize(p.v.Value)
			if p.v.Kind == yaml.ScalarNode && errors.Is(err, errSizeTooLarge) {
				d.errorf(p.v, "limits.%s is %s, which overflows: write at most %s", p.key, p.v.Value, FormatSize(maxSize))
				continue
			}
			if p.v.Kind != yaml.ScalarNode || err != nil {
				d.errorf(p.v, "limits.%s must be a size such as 2MB, found %s", p.key, describe(p.v))
				continue
			}
			if p.key == "item_size" {
				l.ItemBytes = size
			} else {
				l.TotalBytes = size
			}
		case "nesting":
			depth, err := strconv.Atoi(p.v.Value)
			if p.v.Kind != yaml.ScalarNode || err != nil || depth < 1 {
				d.errorf(p.v, "limits.nesting must be a whole number above 0, found %s", describe(p.v))
				continue
			}
			l.Nesting = depth
		default:
			d.unknownField(p.k, []string{"item_size", "total_size", "nesting"}, "limits")
		}
	}
}

var sizePattern = regexp.MustCompile(`^(?i)\s*(\d+)\s*(b|kb|kib|mb|mib|gb|gib)?\s*$`)

// maxSize is the largest size a limit can be written as: the largest whole number of
// gigabytes a byte count holds.
const maxSize = math.MaxInt64 >> 30 << 30

var errSizeTooLarge = errors.New("size too large")

// parseSize reads a byte count such as 512KB or 2MB (powers of 1024).
func parseSize(s string) (int64, error) {
	m := sizePattern.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("not a size: %q", s)
	}
	n, err := strconv.ParseInt(m[1], 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("not a size: %q", s)
	}
	shift := 0
	switch strings.ToLower(m[2]) {
	case "kb", "kib":
		shift = 10
	case "mb", "mib":
		shift = 20
	case "gb", "gib":
		shift = 30
	}
	// A shift past 63 bits would wrap to 0 or a negative number, which reads as "no
	// limit" or "nothing fits": refuse it instead.
	if n > maxSize>>shift {
		return 0, errSizeTooLarge
	}
	return n << shift, nil
}

// FormatSize writes a byte count the way limits are written in backlog.yaml.
func FormatSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%dGB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKB", n>>10)
	}
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1fGB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1fMB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1fKB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%dB", n)
}
