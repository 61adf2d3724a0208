package markdown

import (
	"strings"

	"github.com/alecthomas/chroma/v2/styles"
)

// codeStyle and codeDarkStyle colour highlighted code in light and dark themes.
var (
	codeStyle     = styles.Get("github")
	codeDarkStyle = styles.Get("github-dark")
)

// CodeCSS returns the stylesheet for highlighted code: the light theme, and the dark
// one inside a prefers-color-scheme: dark media query.
func CodeCSS() string {
	var light, dark strings.Builder
	_ = codeFormatter.WriteCSS(&light, codeStyle)
	_ = codeFormatter.WriteCSS(&dark, codeDarkStyle)
	return light.String() + "@media (prefers-color-scheme: dark) {\n" + dark.String() + "}\n"
}
