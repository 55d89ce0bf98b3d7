package model

import "time"

// Change is one commit's part in an item's story. Date is when the change reached
// the main line (the merge); Author made the change.
type Change struct {
	Commit string // full hash of the main-line commit
	Date   time.Time
	Author string
	Email  string
}

// ItemHistory is what git tells about one item, following renames.
type ItemHistory struct {
	Created  *Change // the commit that added the file; nil when older than a shallow clone's boundary
	Updated  Change  // the last commit that changed the file
	Statuses []StatusChange
	Ranks    []RankChange
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
)

// Event is one entry of the backlog's change log.
type Event struct {
	Kind EventKind
	Change
	Item     string // item id (for reordered: empty)
	Title    string // the item's title at the time
	From, To string // statuses, for StatusChanged
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
