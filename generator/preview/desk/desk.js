// The PO's desk: the page script comes with the next change.
