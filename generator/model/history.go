package model

import "time"

// Change is one commit's part in an item's story. Date is when the change reached
// the main line (the merge); Author made the change.
type Change struct {
	Commit string // full hash of the main-line commit
	Date   time.Time
	Author string // a name, never an e-mail address: pages are public
	Email  string // only for the owner check (history.OrderCommits); never published
}

// ItemHistory is what git tells about one item, following its id through removals and
// re-adding, and its file through renames.
type ItemHistory struct {
	Created  *Change // the commit that first added the item; nil when not known (shallow clone)
	Updated  Change  // the last commit that changed the file; zero when not known
	Statuses []StatusChange
	Ranks    []RankChange
	Files    []FileChange
}

// FileChange is a rename of the item's file (From is the old id), or its removal and restoring.
type FileChange struct {
	Change
	Kind EventKind // Renamed, Removed or Restored
	From string
}

// StatusChange is one change of an item's status. From is "" when the item was added.
type StatusChange struct {
	Change
	From, To string
}

// RankChange is one move of an item in order.yaml that the PO made. 0 means unranked.
// Items that only shifted because others moved are not recorded.
type RankChange struct {
	Change
	From, To int
}

// History is what git tells about the whole backlog.
type History struct {
	// Notice explains missing or partial history ("not a git repository", "shallow clone"), or is "".
	Notice string
	// Shallow is set when the repository's history is cut off; dates before Boundary are unknown.
	Shallow  bool
	Boundary time.Time
	// Gaps say what else history leaves out, and why (a commit that cannot be read, a
	// date out of range); unlike Notice they leave the rest of history standing.
	Gaps []string
	// Events are the backlog's changes, newest first.
	Events []Event
	// PreviousOrder is order.yaml as it was before its last committed change.
	PreviousOrder []string
	// Burnup holds, per release name, the scope and done counts after each change.
	Burnup map[string][]BurnPoint
}

// EventKind says what an Event records.
type EventKind string

const (
	Proposed      EventKind = "proposed"
	Removed       EventKind = "removed"
	StatusChanged EventKind = "status"
	Reordered     EventKind = "reordered"
	Renamed       EventKind = "renamed"  // From is the old id
	Restored      EventKind = "restored" // an id removed before is back, with its history

	// The PM's changes of backlog.yaml. Title names the release or goal.
	ReleaseAdded    EventKind = "release-added"   // To is the date
	ReleaseRemoved  EventKind = "release-removed" // From is the date
	ReleaseRenamed  EventKind = "release-renamed" // From and To are the names
	ReleaseDated    EventKind = "release-dated"   // From and To are the dates
	GoalAdded       EventKind = "goal-added"      // To is the id
	GoalRemoved     EventKind = "goal-removed"    // From is the id
	GoalChanged     EventKind = "goal-changed"    // From and To are the titles
	StatusesChanged EventKind = "statuses"        // From and To list the statuses
)

// Event is one entry of the backlog's change log.
type Event struct {
	Kind EventKind
	Change
	Item     string // item id (for reordered: empty)
	Title    string // the item's title at the time
	From, To string // statuses, for StatusChanged and Restored; see the kinds for the others
	Moves    []Move // for Reordered: the items the PO moved
	Shifted  int    // for Reordered: how many other items only shifted
}

// Move is one item's change of rank. 0 means unranked (new, or removed from the order).
type Move struct {
	ID       string
	From, To int
}

// BurnPoint is a release's size and progress at one moment.
type BurnPoint struct {
	Date        time.Time
	Scope, Done int
}
