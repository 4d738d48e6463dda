package terraform

import "github.com/prodgrade/prodgrade/internal/infra"

// Load grades nothing yet: the evaluator is being written in this package.
func Load(dirs []string, opt Options) *Loaded {
	return &Loaded{Notes: []infra.Note{{Kind: infra.NoteError, Message: "terraform loader not written yet"}}}
}
