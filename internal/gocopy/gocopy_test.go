package gocopy

import (
	"bytes"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// Funcs keeps what keep accepts and reads the imports; Imports writes
// those of the packages the functions use, and not a package whose name
// a local variable takes.
func TestFuncsAndImports(t *testing.T) {
	dir := t.TempDir()
	src := `package p

import (
	"math"
	"math/bits"
	"strings"
)

type T struct{}

func (t *T) M() int { return bits.Len(1) }

func F(x float64) float64 {
	bits := math.Floor(x)
	return bits
}

func G() string { return strings.ToUpper("g") }
`
	name := filepath.Join(dir, "p.go")
	if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	funcs, imports, err := Funcs(fset, []string{name}, func(fn *ast.FuncDecl) bool { return fn.Name.Name != "G" })
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for n := range funcs {
		names = append(names, n)
	}
	if slices.Sort(names); !slices.Equal(names, []string{"F", "M"}) {
		t.Fatalf("kept %v, want F and M", names)
	}
	if !MethodOf(funcs["M"], "T") || MethodOf(funcs["F"], "T") || MethodOf(funcs["M"], "U") {
		t.Error("MethodOf")
	}
	var out bytes.Buffer
	Imports(&out, []*ast.FuncDecl{funcs["F"]}, imports)
	if got, want := out.String(), "import (\n\t\"math\"\n)\n\n"; got != want {
		t.Errorf("F's imports %q, want %q (its bits is a variable)", got, want)
	}
	out.Reset()
	Imports(&out, []*ast.FuncDecl{funcs["M"], funcs["F"]}, imports)
	if got, want := out.String(), "import (\n\t\"math\"\n\t\"math/bits\"\n)\n\n"; got != want {
		t.Errorf("imports %q, want %q", got, want)
	}
}
