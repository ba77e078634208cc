//go:build ignore

// gen_plain writes rules_plain.go (see package plaingen); go generate
// runs it.
package main

import (
	"log"
	"os"

	"github.com/clientele-go/clientele/segment/behavior/internal/plaingen"
)

func main() {
	src, err := plaingen.Source("rules.go", "alive.go")
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("rules_plain.go", src, 0o644); err != nil {
		log.Fatal(err)
	}
}
