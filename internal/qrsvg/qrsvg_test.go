package qrsvg

import (
	"fmt"
	"image"
	"image/color"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	gqr "github.com/makiuchi-d/gozxing/qrcode"
)

var (
	viewBoxRe = regexp.MustCompile(`viewBox="0 0 (\d+) (\d+)"`)
	runRe     = regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-(\d+)z`)
)

// raster draws the SVG's modules into an image, scale pixels a module: it reads
// back exactly what a browser would fill.
func raster(t *testing.T, svg string, scale int) image.Image {
	t.Helper()
	m := viewBoxRe.FindStringSubmatch(svg)
	if m == nil {
		t.Fatalf("no viewBox in %.80s", svg)
	}
	n, _ := strconv.Atoi(m[1])
	img := image.NewGray(image.Rect(0, 0, n*scale, n*scale))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	d := svg[strings.Index(svg, ` d="`)+4:]
	d = d[:strings.IndexByte(d, '"')]
	if rest := runRe.ReplaceAllString(d, ""); rest != "" {
		t.Fatalf("path has commands the test does not read: %.60q", rest)
	}
	for _, r := range runRe.FindAllStringSubmatch(d, -1) {
		x, _ := strconv.Atoi(r[1])
		y, _ := strconv.Atoi(r[2])
		w, _ := strconv.Atoi(r[3])
		for px := x * scale; px < (x+w)*scale; px++ {
			for py := y * scale; py < (y+1)*scale; py++ {
				img.SetGray(px, py, color.Gray{})
			}
		}
	}
	return img
}

func decode(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("decoding: %v", err)
	}
	return res.GetText()
}

// TestSVGDecodes draws page addresses and reads them back with a decoder that is
// not the encoder (gozxing, a port of ZXing).
func TestSVGDecodes(t *testing.T) {
	for _, u := range []string{
		"http://localhost:8080/articles/bone-preservation-aromatase-inhibition/fundamentals",
		"https://example.org/a",
		"https://health.example.org/articles/" + strings.Repeat("long-slug-", 20) + "/academic",
	} {
		h, err := SVG(u, "QR code: "+u)
		svg := h.String()
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		if got := decode(t, raster(t, svg, 4)); got != u {
			t.Errorf("decoded %q, want %q", got, u)
		}
		if !strings.Contains(svg, `role="img" aria-label="QR code: `) {
			t.Errorf("the SVG is not labelled: %.120s", svg)
		}
		t.Logf("%d characters → %d bytes of SVG", len(u), len(svg))
	}
}

func TestSVGEscapesLabel(t *testing.T) {
	h, err := SVG("x", `a "quoted" <label> & more`)
	if err != nil {
		t.Fatal(err)
	}
	if svg := h.String(); !strings.Contains(svg, `aria-label="a &#34;quoted&#34; &lt;label&gt; &amp; more"`) {
		t.Errorf("label not escaped: %.200s", svg)
	}
}

func TestSVGTooLong(t *testing.T) {
	if _, err := SVG(strings.Repeat("x", 5000), "too long"); err == nil {
		t.Error("5,000 characters encoded without error; a QR code holds at most 2,953 bytes")
	}
}

func ExampleSVG() {
	svg, _ := SVG("https://example.org/", "QR code of https://example.org/")
	fmt.Println(svg.String()[:59])
	// Output: <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 33 33"
}
