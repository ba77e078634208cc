// Package junk fills values with something other than their zero value,
// for tests that check a function reusing a value (PlanInto, a ledger's
// profiles) overwrites every field of it, fields added later included.
package junk

import (
	"reflect"
	"unsafe"
)

// Fill sets every field that ptr points to, unexported ones too, to a
// value other than its zero value: strings "junk", numbers 7, 3 or 2.5,
// booleans true, slices one element long (itself filled), pointers to a
// new zero value.
func Fill(ptr any) { fill(reflect.ValueOf(ptr).Elem()) }

func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("junk")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(7)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(3)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(2.5)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Struct:
		for i := range v.NumField() {
			// Unexported fields too (an Opt's, a Date's), through their
			// address.
			f := v.Field(i)
			fill(reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem())
		}
	case reflect.Array:
		for i := range v.Len() {
			fill(v.Index(i))
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0))
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
	}
}
