// Package content embeds the site's own content folder, served when no other
// folder is given.
package content

import "embed"

// FS is the content folder: site.yaml, articles/ and glossary/.
//
//go:embed site.yaml articles glossary
var FS embed.FS
