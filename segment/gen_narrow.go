//go:build ignore

// gen_narrow writes purchases_narrow.go (see package narrowgen); go
// generate runs it.
package main

import (
	"log"
	"os"

	"github.com/clientele-go/clientele/segment/internal/narrowgen"
)

func main() {
	src, err := narrowgen.Source(narrowgen.Files...)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("purchases_narrow.go", src, 0o644); err != nil {
		log.Fatal(err)
	}
}
