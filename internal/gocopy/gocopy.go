// Package gocopy is what the project's code generators share
// (segment/internal/narrowgen, segment/behavior/internal/plaingen): they
// copy functions of a package's files, changed, into a generated file of
// the same package.
package gocopy

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Funcs parses files and returns their function declarations that keep
// accepts, by name, and the paths of the packages they import, by the
// name a file uses for each. The files are parsed with their objects
// resolved, so that Imports can tell a package from a local variable of
// its name.
func Funcs(fset *token.FileSet, files []string, keep func(fn *ast.FuncDecl) bool) (funcs map[string]*ast.FuncDecl, imports map[string]string, err error) {
	funcs, imports = map[string]*ast.FuncDecl{}, map[string]string{}
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			return nil, nil, err
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			imports[path[strings.LastIndexByte(path, '/')+1:]] = path
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && keep(fn) {
				funcs[fn.Name.Name] = fn
			}
		}
	}
	return funcs, imports, nil
}

// Imports writes the import declaration of the packages of imports (see
// Funcs) that fns use, nothing if none, in order of path.
func Imports(out *bytes.Buffer, fns []*ast.FuncDecl, imports map[string]string) {
	used := map[string]bool{}
	for _, fn := range fns {
		ast.Inspect(fn, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				// A package's name resolves to no object.
				if id, ok := sel.X.(*ast.Ident); ok && id.Obj == nil && imports[id.Name] != "" {
					used[imports[id.Name]] = true
				}
			}
			return true
		})
	}
	if len(used) == 0 {
		return
	}
	out.WriteString("import (\n")
	for _, path := range slices.Sorted(maps.Keys(used)) {
		fmt.Fprintf(out, "\t%q\n", path)
	}
	out.WriteString(")\n\n")
}

// MethodOf reports whether fn is a method of *typ.
func MethodOf(fn *ast.FuncDecl, typ string) bool {
	if fn.Recv == nil || len(fn.Recv.List) != 1 {
		return false
	}
	star, ok := fn.Recv.List[0].Type.(*ast.StarExpr)
	if !ok {
		return false
	}
	id, ok := star.X.(*ast.Ident)
	return ok && id.Name == typ
}
