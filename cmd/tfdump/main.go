package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source/terraform"
)

func dump(v infra.Value) any {
	switch v.Kind() {
	case infra.Unknown:
		return "<unknown " + v.Expr() + " | " + v.Why() + ">"
	case infra.Null:
		return nil
	case infra.List:
		var l []any
		for _, e := range v.List() {
			l = append(l, dump(e))
		}
		return l
	case infra.Object:
		m := map[string]any{}
		for _, f := range v.Fields() {
			m[f.Name] = dump(f.Value)
		}
		return m
	}
	s, _ := v.Str()
	return s
}

func main() {
	l := terraform.Load(os.Args[1:], terraform.Options{Env: os.Environ()})
	for _, c := range l.Components {
		fmt.Println("COMPONENT", c.Name, c.Unexpanded)
		for _, r := range c.Resources {
			b, _ := json.Marshal(dump(r.Attrs))
			fmt.Println(r.Address, r.Kind, r.Loc, string(b), r.Refs)
		}
		fmt.Println(c.Notes)
	}
	fmt.Println(l.Notes)
}
