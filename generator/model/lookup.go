package model

import "strings"

// SetAsideDrafts moves the draft items out of Items into Drafts, so that nothing
// published shows them. The order stage must then run again.
func (b *Backlog) SetAsideDrafts() {
	kept := b.Items[:0:0]
	for _, it := range b.Items {
		if it.Draft {
			b.Drafts = append(b.Drafts, it)
		} else {
			kept = append(kept, it)
		}
	}
	if len(b.Drafts) > 0 {
		b.Items, b.byID = kept, nil
	}
}

// Index builds the lookup used by Item, and gives an item without a slug the slug of
// its id; the order stage calls it. Ids and slugs take precedence over file names,
// and an earlier item over a later one.
func (b *Backlog) Index() {
	b.byID = make(map[string]*Item, 2*len(b.Items))
	add := func(key string, it *Item) {
		if _, taken := b.byID[key]; !taken {
			b.byID[key] = it
		}
	}
	for _, it := range b.Items {
		if it.Slug == "" {
			it.Slug = Slug(it.ID)
		}
		add(RefKey(it.ID), it)
		add(it.Slug, it)
	}
	for _, it := range b.Items {
		path := RefKey(it.Path)
		add(path, it)
		add(path[strings.LastIndexByte(path, '/')+1:], it)
	}
	b.byNumber = nil
	prefix := ""
	numbers := make(map[string]*Item)
	for _, it := range b.Items {
		p, n, ok := numberedID(RefKey(it.ID))
		if !ok {
			continue
		}
		if prefix != "" && p != prefix {
			return // two prefixes (bug-12, story-12): a number alone names neither
		}
		prefix = p
		numbers[n] = it
	}
	b.byNumber = numbers
}

// numberedID splits an id such as back-100.2 into its prefix and its number.
func numberedID(id string) (prefix, number string, ok bool) {
	prefix, number, ok = strings.Cut(id, "-")
	if !ok || prefix == "" || number == "" || strings.Trim(prefix, "abcdefghijklmnopqrstuvwxyz") != "" ||
		strings.Trim(number, "0123456789.") != "" || number[0] == '.' || number[len(number)-1] == '.' {
		return "", "", false
	}
	return prefix, number, true
}

// Item returns the item a reference names, or nil. A reference is an item's id as
// written, its slug, its file name or its path in the content folder, with or without
// ".md" and in any case: BACK-200, back-200, ./back-200.md and
// "back-200 - Some-Title.md" all name the same item.
func (b *Backlog) Item(ref string) *Item {
	if b.byID == nil {
		b.Index()
	}
	if it := b.byID[ref]; it != nil {
		return it
	}
	key := RefKey(ref)
	if it := b.byID[key]; it != nil {
		return it
	}
	if it := b.byID[Slug(key)]; it != nil {
		return it
	}
	// Backlog.md numbers tasks task-1, task-2... unless a project sets another prefix
	// (task_prefix): a reference written before the change, task-100, names back-100.
	if p, n, ok := numberedID(key); ok && p == formerPrefix {
		return b.byNumber[n]
	}
	return nil
}

// OrderNames returns the name order.yaml ranks it by, the first entry naming it (its
// id when none does), and the other entries naming it, which validate reports and rank
// removes.
func (b *Backlog) OrderNames(it *Item) (name string, others []string) {
	name = it.ID
	listed := false
	for _, e := range b.Order {
		if b.Item(e.ID) != it {
			continue
		}
		if listed {
			others = append(others, e.ID)
		} else {
			name, listed = e.ID, true
		}
	}
	return name, others
}

// formerPrefix is Backlog.md's default task prefix, which references written before a
// project chose its own keep. Only it is read so: a typo or a new prefix (bakc-3, bug-3)
// names no item, rather than another one.
const formerPrefix = "task"

// ItemByID returns the item whose id is id, ignoring case, or nil: for comparing two
// versions of a backlog, where an id must be the same id, not a reference to it.
func (b *Backlog) ItemByID(id string) *Item {
	if b.byID == nil {
		b.Index()
	}
	if it := b.byID[RefKey(id)]; it != nil && RefKey(it.ID) == RefKey(id) {
		return it
	}
	return nil
}
