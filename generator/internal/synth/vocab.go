package synth

// The vocabulary the generator draws titles and bodies from: a product team's backlog.

var statuses = []string{"proposed", "ready", "in-progress", "done", "dropped"}

// releases are the roadmap's releases, oldest first, with their dates.
var releases = []struct{ name, date string }{
	{"2025.1", "2025-03-31"},
	{"2025.2", "2025-06-30"},
	{"2025.3", "2025-09-30"},
	{"2025.4", "2025-12-31"},
	{"2026.1", "2026-03-31"},
	{"2026.2", "2026-06-30"},
	{"2026.3", "2026-09-30"},
	{"2027.1", "2027-03-31"},
}

// goals are the product goals: id and title.
var goals = []struct{ id, title string }{
	{"faster-onboarding", "Faster onboarding for new teams"},
	{"enterprise-ready", "Ready for enterprise customers"},
	{"mobile-parity", "Feature parity on mobile"},
	{"reliability", "Fewer incidents, faster recovery"},
	{"self-serve-billing", "Self-serve billing and plans"},
	{"developer-platform", "A public API people build on"},
	{"cost-down", "Lower infrastructure cost per customer"},
}

// person is an author of commits: handle (the email's local part), name and time zone.
type person struct{ handle, name, zone string }

// owners are the team: item owners and authors of proposals and status moves.
var owners = []person{
	{"alice", "Alice Martin", "+0100"},
	{"bob", "Bob Nakamura", "+0900"},
	{"carla", "Carla Souza", "-0300"},
	{"dmitri", "Dmitri Ivanov", "+0200"},
	{"emma", "Emma Lindqvist", "+0100"},
	{"farid", "Farid Haddad", "+0400"},
	{"grace", "Grace Okafor", "+0000"},
	{"hiro", "Hiro Tanaka", "+0900"},
	{"ines", "Ines Moreau", "+0100"},
	{"jamal", "Jamal Wright", "-0500"},
	{"kim", "Kim Park", "-0800"},
	{"lena", "Lena Fischer", "+0100"},
}

// productOwner ranks and reorders order.yaml.
var productOwner = person{"priya", "Priya Raman", "+0530"}

// labels are labels of items.
var labels = []string{
	"mobile", "web", "api", "cli", "sync", "billing", "search", "auth", "performance",
	"accessibility", "security", "ux", "design", "infra", "docs", "i18n", "analytics",
	"notifications", "integrations", "admin", "onboarding", "reporting", "storage",
	"privacy", "observability", "tech-debt", "customer-request", "quick-win",
	"needs-design", "backend", "frontend", "data", "compliance", "growth", "support",
}

// areas are parts of the product.
var areas = []string{
	"mobile app", "web dashboard", "billing page", "search results", "sync engine",
	"notification center", "reports", "admin console", "public API", "CLI",
	"CSV importer", "export service", "login flow", "permissions model", "audit log",
	"checkout", "onboarding flow", "settings page", "calendar view", "attachments",
	"comment threads", "webhooks", "analytics pipeline", "invoices", "team directory",
	"project board", "timeline view", "file previews", "email digests", "usage metering",
	"status page", "integrations gallery",
}

// features are features, with their article.
var features = []string{
	"offline mode", "CSV export", "bulk edit", "saved filters", "keyboard shortcuts",
	"SSO login", "two-factor authentication", "rate limiting", "an audit trail",
	"custom fields", "dark mode", "drag-and-drop ordering", "weekly email digests",
	"role-based access", "webhook retries", "full-text search", "inline comments",
	"usage quotas", "per-project settings", "guest access", "recurring tasks",
	"templates", "a changelog feed", "public share links", "read receipts", "mentions",
	"time zone support", "multi-currency invoices", "data retention rules",
	"an undo history", "granular notifications", "archived projects", "a command palette",
	"markdown previews", "image thumbnails", "batch imports", "scheduled reports",
	"API tokens", "IP allow-lists",
}

// platforms are platforms.
var platforms = []string{
	"iOS", "Android", "desktop", "Safari", "Firefox", "tablets",
}

// personas are kinds of users.
var personas = []string{
	"admins", "new users", "team leads", "finance teams", "support agents", "API clients",
	"guests", "power users",
}

// symptoms are what bugs look like.
var symptoms = []string{
	"crash", "timeout", "duplicate entries", "broken layout", "memory leak",
	"stale cache", "wrong totals", "missing translations", "slow load", "lost drafts",
	"blank screen", "double charge", "wrong time zone", "truncated export",
	"race condition", "404 on refresh", "flaky retry", "encoding error",
}

// conditions are when bugs happen.
var conditions = []string{
	"syncing large attachments", "the session expires", "switching teams",
	"the list has over 1000 rows", "the network drops", "pasting from Word",
	"two people edit at once", "the locale is Turkish", "exporting to PDF",
	"a webhook returns 500", "logging in with SSO", "resizing the window",
}

// dependencies are what chores upgrade.
var dependencies = []string{
	"Postgres", "Node", "React", "Go", "the ORM", "OpenSSL", "Redis",
	"the charting library", "Kubernetes", "the CI runners", "Python",
}

// techs are what spikes investigate.
var techs = []string{
	"event sourcing", "a message queue", "server-side rendering", "WebSockets",
	"SQLite on device", "a CDN", "feature flags", "OpenTelemetry", "a columnar store",
	"edge functions", "WASM",
}

// nouns are who needs something.
var nouns = []string{
	"users", "admins", "customers", "the support team", "sales", "new teams",
	"large accounts", "mobile users", "integrators", "the finance team",
	"on-call engineers", "trial users",
}

// verbs are what they do.
var verbs = []string{
	"find", "export", "share", "review", "approve", "archive", "restore", "filter",
	"sync", "import", "invite", "schedule", "reconcile", "tag", "compare", "track",
}

// objects are what they do it to.
var objects = []string{
	"their projects", "old invoices", "shared documents", "reports", "comments",
	"usage data", "team members", "attachments", "saved views", "audit events", "tasks",
	"release notes",
}

// pains are how they do it today.
var pains = []string{
	"opening a support ticket", "leaving the page", "a spreadsheet", "asking an admin",
	"a full reload", "copying IDs by hand", "waiting for the nightly job",
	"switching devices",
}

// metrics are what a change moves.
var metrics = []string{
	"time to first value", "weekly active teams", "p95 latency", "support volume",
	"churn in the first month", "conversion to paid", "error rate", "page weight",
	"crash-free sessions",
}

// sentences are templates of a paragraph's sentences; see fill for the placeholders.
var sentences = []string{
	"{Noun} need a way to {verb} {obj} without {pain}.",
	"Today {noun} have to {verb} {obj} by {pain}, which does not scale.",
	"We heard this from {n} customers in the last quarter.",
	"The {area} already stores most of what we need, so the change is mostly in the UI.",
	"This should move {metric} in the right direction.",
	"We expect a measurable drop in {metric} once this ships.",
	"Support tickets tagged `{label}` mention this almost every week.",
	"The current behaviour is confusing: people assume the {area} saves automatically.",
	"A first version can skip {feature} and still be useful.",
	"The main risk is performance when {condition}.",
	"Design has a rough mock-up; it needs a pass for accessibility.",
	"Keep the existing URLs stable so bookmarks and links keep working.",
	"Nothing here requires a schema migration.",
	"This needs a small migration of the {area} tables.",
	"We should measure {metric} before and after, behind a feature flag.",
	"Competitors offer {feature}, and prospects ask for it in demos.",
	"The {area} is owned by the platform team, so coordinate early.",
	"It is fine to ship this to {persona} first and widen later.",
	"Edge cases: empty states, very long names, and right-to-left text.",
	"We tried a quick fix before, but it broke when {condition}.",
	"The API change must stay backwards compatible for at least one release.",
	"Logs show the problem at roughly {n} requests per minute.",
	"See the [RFC](https://docs.example.com/rfc/{n}) for the longer discussion.",
	"The relevant code lives in `{code}`.",
	"Related discussion: https://forum.example.com/t/{n}",
	"Depends on how [{dep_id}]({dep_id}.md) lands.",
	"This is **not** about {feature}; that is tracked separately.",
	"The ~~old~~ current workaround is documented in the help center.",
	"Once this is in, *all* {persona} get the new behaviour by default.",
	"Estimate assumes one engineer and a designer for a few days.",
}

// bullets are templates of list items.
var bullets = []string{
	"Show {feature} in the {area}", "Allow {persona} to {verb} {obj}",
	"Log an audit event for every change", "Add a setting to turn it off per team",
	"Keep the old endpoint for one release", "Handle the case when {condition}",
	"Update the help center article", "Add metrics for {metric}",
	"Translate new strings (`en`, `de`, `ja`)",
	"Document the API change in the changelog", "No change for {persona} who opted out",
	"Reuse the existing `{code}` component",
}

// tasks are acceptance criteria (task list items).
var tasks = []string{
	"Write the design doc", "Get sign-off from design", "Implement the backend change",
	"Implement the UI", "Add unit tests", "Add an end-to-end test", "Update the docs",
	"Run a load test", "Roll out to 10% of teams", "Roll out to everyone",
	"Remove the feature flag", "Announce in the changelog",
	"Check accessibility with a screen reader", "Review with security",
}

// questions are templates of open questions.
var questions = []string{
	"Do we need this on mobile in the first version?",
	"Should admins be able to turn it off?",
	"What happens to existing data when {condition}?",
	"Is {metric} the right success measure?", "Who owns the {area} after launch?",
	"Can we reuse {feature} instead of building something new?",
}

// codePaths are source files a body names.
var codePaths = []string{
	"internal/sync/engine.go", "web/src/components/Table.tsx", "api/v2/handlers.py",
	"billing/invoice.rb", "cmd/cli/main.go", "pkg/search/index.go",
	"app/models/project.rb", "mobile/lib/screens/settings.dart",
	"infra/terraform/main.tf",
}

// stopWords are left out of ids made from titles.
var stopWords = map[string]bool{"a": true, "an": true, "and": true, "at": true, "by": true, "for": true, "from": true, "in": true, "is": true, "of": true, "on": true, "over": true, "the": true, "to": true, "when": true, "with": true}

// codeBlocks are fenced code blocks: language and text, a template (fill).
var codeBlocks = []struct{ lang, text string }{
	{"yaml", "feature_flags:\n  {flag}:\n    enabled: false\n    rollout: 10\n    teams: [beta, internal]\n"},
	{"json", "{{\n  \"id\": \"{flag}\",\n  \"status\": \"active\",\n  \"limits\": {{\"per_minute\": {n}, \"burst\": 20}}\n}}\n"},
	{"sh", "curl -s -H 'Authorization: Bearer $TOKEN' \\\n  https://api.example.com/v2/projects?limit={n} | jq '.items[].id'\n"},
	{"sql", "SELECT team_id, count(*) AS n\nFROM events\nWHERE kind = '{flag}' AND created_at > now() - interval '7 days'\nGROUP BY team_id\nORDER BY n DESC\nLIMIT {n};\n"},
	{"go", "func (s *Service) {Func}(ctx context.Context, id string) error {{\n\tif id == \"\" {{\n\t\treturn errors.New(\"missing id\")\n\t}}\n\treturn s.store.Touch(ctx, id, time.Now())\n}}\n"},
	{"ts", "export function {func}(items: Item[]): Item[] {{\n  return items.filter((i) => i.status !== 'archived').slice(0, {n});\n}}\n"},
}
