//go:build ignore

// ogimage draws og-image.png, the site's default Open Graph image (1200×630, the
// size social sites ask for): the favicon's three strata lines, large, on the
// accent colour. Run it from the static folder: go run ogimage.go
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"os"
)

func main() {
	const w, h = 1200, 630
	accent := color.NRGBA{0x0b, 0x5f, 0x73, 0xff}
	light := color.NRGBA{0xfd, 0xfc, 0xfa, 0xff}
	img := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{accent, light})
	// Three rounded bars, as in favicon.svg: 18 units wide in 32, at heights 10, 16 and 22.
	const unit = h / 32.0
	bar := func(cy float64) {
		half := 1.5 * unit
		x0, x1 := float64(w)/2-9*unit, float64(w)/2+9*unit
		for y := int(cy - half); y <= int(cy+half); y++ {
			for x := int(x0 - half); x <= int(x1+half); x++ {
				fx, fy := float64(x), float64(y)
				dx := 0.0
				if fx < x0 {
					dx = x0 - fx
				} else if fx > x1 {
					dx = fx - x1
				}
				if dx*dx+(fy-cy)*(fy-cy) <= half*half {
					img.SetColorIndex(x, y, 1)
				}
			}
		}
	}
	for _, y := range []float64{10, 16, 22} {
		bar(y * unit)
	}
	f, err := os.Create("og-image.png")
	if err != nil {
		log.Fatal(err)
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
