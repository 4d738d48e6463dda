package cloudformation

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// evaluator resolves a template's intrinsic functions as far as the
// template (and the parameters given) allows. What only CloudFormation or
// AWS can know — a resource's physical id or attribute, another stack's
// export, the region's Availability Zones, a parameter with no value — is
// an unknown value that says why, never a guess.
type evaluator struct {
	file string
	// params are the parameters' values: the given one, else the default,
	// else unknown.
	params map[string]infra.Value
	// pseudo are the pseudo-parameters given (AWS::Region, …); any other
	// is unknown.
	pseudo    map[string]infra.Value
	mappings  infra.Value
	resources map[string]infra.Value // logical id → its definition, unevaluated
	// conditions are the Conditions section, unevaluated; decided holds
	// each once evaluated, deciding marks one being evaluated (a cycle).
	conditions infra.Value
	decided    map[string]infra.Value
	deciding   map[string]bool

	// refs collects, while one value is evaluated, the resources it refers
	// to and where in the value (the property path, dotted).
	refs []evalRef
	// depth bounds nested evaluation (a hostile template nesting Fn::If
	// ten thousand deep is already bounded by the YAML pass; this keeps
	// condition cycles through Fn::If from recursing further).
	depth int
}

// evalRef is a reference to a resource met while evaluating: at path (the
// property path inside the value evaluated), to the resource with logical
// id to, for its attribute attr ("" for Ref).
type evalRef struct {
	path, to, attr string
}

const maxEvalDepth = 200

// noValueWhy marks the unknown standing for AWS::NoValue, which removes the
// property or list element that holds it; it never reaches a resource.
const noValueWhy = "AWS::NoValue removes the property"

var noValue = infra.UnknownValue("AWS::NoValue", noValueWhy)

func isNoValue(v infra.Value) bool {
	return !v.IsKnown() && v.Expr() == "AWS::NoValue" && v.Why() == noValueWhy
}

// intrinsicName is the function of a value written as one: an object with
// a single member Ref, Condition (inside conditions) or Fn::….
func intrinsicName(v infra.Value) (string, infra.Value, bool) {
	if v.Kind() != infra.Object || v.Len() != 1 {
		return "", infra.Value{}, false
	}
	f := v.Fields()[0]
	if f.Name == "Ref" || f.Name == "Condition" || strings.HasPrefix(f.Name, "Fn::") {
		return f.Name, f.Value, true
	}
	return "", infra.Value{}, false
}

// eval evaluates v, written at the property path path.
func (e *evaluator) eval(v infra.Value, path string) infra.Value {
	if e.depth > maxEvalDepth {
		return infra.UnknownValue("", "intrinsic functions nest deeper than prodgrade evaluates").WithLoc(v.Loc)
	}
	e.depth++
	defer func() { e.depth-- }()
	switch v.Kind() {
	case infra.Object:
		if name, arg, ok := intrinsicName(v); ok && name != "Condition" {
			out := e.call(name, arg, v.Loc, path)
			if out.Loc.Line == 0 {
				out = out.WithLoc(v.Loc)
			}
			return out
		}
		fields := make([]infra.Field, 0, v.Len())
		for _, f := range v.Fields() {
			x := e.eval(f.Value, join(path, f.Name))
			if isNoValue(x) {
				continue
			}
			fields = append(fields, infra.Field{Name: f.Name, Value: x})
		}
		return infra.ObjectValue(fields).WithLoc(v.Loc)
	case infra.List:
		items := make([]infra.Value, 0, v.Len())
		for i, x := range v.List() {
			y := e.eval(x, join(path, strconv.Itoa(i)))
			if isNoValue(y) {
				continue
			}
			items = append(items, y)
		}
		return infra.ListValue(items).WithLoc(v.Loc)
	case infra.String:
		s, _ := v.Str()
		if strings.Contains(s, "{{resolve:") {
			return dynamicRef(s).WithLoc(v.Loc)
		}
		return str(s).WithLoc(v.Loc)
	}
	return v
}

// str is a string as CloudFormation reads it: converted to a number or a
// bool where the property takes one ("7" is 7 days, "true" is true).
func str(s string) infra.Value { return infra.ConvertibleString(s) }

func join(path, seg string) string {
	if path == "" {
		return seg
	}
	return path + "." + seg
}

// dynamicRef is a string holding a dynamic reference ({{resolve:ssm:…}},
// {{resolve:secretsmanager:…}}): CloudFormation reads the value at deploy
// time, so it is not in the template — which, for a secret, is the point.
func dynamicRef(s string) infra.Value {
	return infra.UnknownValue(s, "a dynamic reference CloudFormation resolves from SSM or Secrets Manager when it deploys the stack").WithExternal(true)
}

// unknownf is an unknown value written as expr, for the reason given.
func unknownf(expr, format string, args ...any) infra.Value {
	return infra.UnknownValue(expr, fmt.Sprintf(format, args...))
}

func (e *evaluator) call(name string, arg infra.Value, loc infra.Location, path string) infra.Value {
	switch name {
	case "Ref":
		s, ok := e.eval(arg, path).Str()
		if !ok {
			return unknownf("Ref", "Ref takes the name of a parameter or resource")
		}
		// Located where the Ref is written, not at the parameter's
		// default: the finding is about this property.
		return e.ref(s, path).WithLoc(loc)
	case "Fn::GetAtt":
		return e.getAtt(arg, path)
	case "Fn::Sub":
		return e.sub(arg, path)
	case "Fn::Join":
		return e.join(arg, path)
	case "Fn::Select":
		return e.selectFn(arg, path)
	case "Fn::Split":
		return e.split(arg, path)
	case "Fn::If":
		return e.ifFn(arg, path)
	case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or":
		return e.logic(name, arg, path)
	case "Fn::FindInMap":
		return e.findInMap(arg, path)
	case "Fn::Base64":
		v := e.eval(arg, path)
		if s, ok := v.Str(); ok && v.IsKnown() {
			return str(base64.StdEncoding.EncodeToString([]byte(s)))
		}
		if !v.IsKnown() {
			return v
		}
		return unknownf("Fn::Base64", "Fn::Base64 takes a string")
	case "Fn::ImportValue":
		v := e.eval(arg, path)
		s, _ := v.Str()
		return unknownf("!ImportValue "+s, "a value another stack exports, known only to CloudFormation in the account and region it is deployed to")
	case "Fn::GetAZs":
		return e.getAZs(arg, path)
	case "Fn::Cidr":
		return e.cidr(arg, path)
	case "Fn::Length":
		v := e.eval(arg, path)
		if v.Kind() == infra.List {
			return infra.NumberValue(float64(v.Len()))
		}
		return unknownf("Fn::Length", "the length of a list that cannot be resolved")
	case "Fn::ToJsonString":
		v := e.eval(arg, path)
		if j, ok := e.toJSON(v); ok {
			return str(j)
		}
		return unknownf("Fn::ToJsonString", "the JSON of a value that cannot be resolved")
	case "Fn::Transform":
		return unknownf("Fn::Transform", "a macro CloudFormation runs when it processes the template")
	}
	return unknownf(name, "%s is not an intrinsic function prodgrade evaluates", name)
}

// ref resolves Ref name: a parameter's value, a pseudo-parameter, or a
// resource (its physical id, unknown until created: an edge of the graph).
func (e *evaluator) ref(name, path string) infra.Value {
	if v, ok := e.params[name]; ok {
		return v
	}
	if strings.HasPrefix(name, "AWS::") {
		if name == "AWS::NoValue" {
			return noValue
		}
		if v, ok := e.pseudo[name]; ok {
			return v
		}
		return unknownf("!Ref "+name, "the pseudo-parameter %s is known only when the stack is deployed", name)
	}
	if _, ok := e.resources[name]; ok {
		e.refs = append(e.refs, evalRef{path: path, to: name})
		return unknownf("!Ref "+name, "the physical id of resource %s, known only after CloudFormation creates it", name)
	}
	return unknownf("!Ref "+name, "the template declares no parameter or resource %s", name)
}

func (e *evaluator) getAtt(arg infra.Value, path string) infra.Value {
	var res, attr string
	switch arg.Kind() {
	case infra.String:
		s, _ := arg.Str()
		res, attr, _ = strings.Cut(s, ".")
	case infra.List:
		if arg.Len() == 2 {
			res, _ = e.eval(arg.List()[0], path).Str()
			attr, _ = e.eval(arg.List()[1], path).Str()
		}
	}
	if res == "" {
		return unknownf("Fn::GetAtt", "Fn::GetAtt takes a resource and an attribute")
	}
	expr := "!GetAtt " + res + "." + attr
	if _, ok := e.resources[res]; !ok {
		return unknownf(expr, "the template declares no resource %s", res)
	}
	e.refs = append(e.refs, evalRef{path: path, to: res, attr: attr})
	return unknownf(expr, "attribute %s of resource %s, known only after CloudFormation creates it", attr, res)
}

// sub substitutes ${Name}, ${Resource.Attr} and ${!Literal} in a string.
func (e *evaluator) sub(arg infra.Value, path string) infra.Value {
	var tmpl infra.Value
	vars := map[string]infra.Value{}
	switch arg.Kind() {
	case infra.String:
		tmpl = arg
	case infra.List:
		if arg.Len() != 2 {
			return unknownf("Fn::Sub", "Fn::Sub takes a string, or a string and a map of variables")
		}
		tmpl = e.eval(arg.List()[0], path)
		for _, f := range arg.List()[1].Fields() {
			vars[f.Name] = e.eval(f.Value, path)
		}
	default:
		tmpl = e.eval(arg, path)
	}
	s, ok := tmpl.Str()
	if !ok || !tmpl.IsKnown() {
		return unknownf("Fn::Sub", "the string of Fn::Sub cannot be resolved")
	}
	var b strings.Builder
	var why string
	rest := s
	for {
		i := strings.Index(rest, "${")
		if i < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:i])
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			b.WriteString(rest[i:])
			break
		}
		name := strings.TrimSpace(rest[i+2 : i+j])
		rest = rest[i+j+1:]
		if strings.HasPrefix(name, "!") {
			b.WriteString("${" + name[1:] + "}")
			continue
		}
		var v infra.Value
		if x, ok := vars[name]; ok {
			v = x
		} else if r, a, dotted := strings.Cut(name, "."); dotted && !strings.HasPrefix(name, "AWS::") {
			v = e.getAtt(str(r+"."+a), path)
		} else {
			v = e.ref(name, path)
		}
		str, ok := scalarString(v)
		if !ok {
			if why == "" {
				why = "${" + name + "} cannot be resolved"
				if w := v.Why(); w != "" {
					why += ": " + w
				}
			}
			continue
		}
		b.WriteString(str)
	}
	if why != "" {
		return infra.UnknownValue("!Sub "+s, why)
	}
	return str(b.String())
}

// scalarString is a known string, number or bool as CloudFormation turns it
// into text.
func scalarString(v infra.Value) (string, bool) {
	if !v.IsKnown() {
		return "", false
	}
	switch v.Kind() {
	case infra.String, infra.Number, infra.Bool:
		return v.Str()
	}
	return "", false
}

func (e *evaluator) join(arg infra.Value, path string) infra.Value {
	if arg.Kind() != infra.List || arg.Len() != 2 {
		return unknownf("Fn::Join", "Fn::Join takes a delimiter and a list")
	}
	delim, _ := e.eval(arg.List()[0], path).Str()
	list := e.eval(arg.List()[1], path)
	if !list.IsKnown() {
		return unknownf("!Join", "the list to join cannot be resolved: %s", list.Why())
	}
	parts := make([]string, 0, list.Len())
	tmpl := make([]string, 0, list.Len()) // the same as Fn::Sub would write it
	why := ""
	for _, x := range list.List() {
		if s, ok := scalarString(x); ok {
			parts = append(parts, s)
			tmpl = append(tmpl, strings.ReplaceAll(s, "${", "${!"))
			continue
		}
		if why == "" {
			why = "an element of the list to join cannot be resolved"
			if x.Why() != "" {
				why += ": " + x.Why()
			}
		}
		// An unresolved Ref reads as Fn::Sub writes it, so the rest of the
		// text stays readable ("arn:${AWS::Partition}:iam::aws:policy/…").
		name, isRef := strings.CutPrefix(x.Expr(), "!Ref ")
		if !isRef || strings.ContainsAny(name, "${}") {
			return infra.UnknownValue("!Join", why)
		}
		tmpl = append(tmpl, "${"+name+"}")
	}
	if why != "" {
		return infra.UnknownValue("!Sub "+strings.Join(tmpl, delim), why)
	}
	return str(strings.Join(parts, delim))
}

func (e *evaluator) selectFn(arg infra.Value, path string) infra.Value {
	if arg.Kind() != infra.List || arg.Len() != 2 {
		return unknownf("Fn::Select", "Fn::Select takes an index and a list")
	}
	idx := e.eval(arg.List()[0], path)
	list := e.eval(arg.List()[1], path)
	n, ok := idx.Number()
	if !ok || !idx.IsKnown() {
		if idx.IsKnown() {
			return unknownf("!Select", "the index of Fn::Select is not a number")
		}
		return unknownf("!Select", "the index of Fn::Select cannot be resolved: %s", idx.Why())
	}
	if !list.IsKnown() {
		// The expression keeps the index: the zones of
		// !Select [0, !GetAZs ""] and !Select [1, !GetAZs ""] are two
		// unknowns that are not the same value (aws-vpc-nat-per-az tells
		// them apart).
		return unknownf(fmt.Sprintf("!Select [%s, %s]", num(n), list.Expr()), "the list of Fn::Select cannot be resolved: %s", list.Why())
	}
	if n < 0 || int(n) >= list.Len() || n != float64(int(n)) {
		return unknownf("!Select", "index %s is outside the list of %d elements; CloudFormation rejects the template", num(n), list.Len())
	}
	return list.List()[int(n)]
}

// getAZs is the list of a region's Availability Zones: unknown, written
// with its region, "" for the stack's own (CloudFormation reads an empty
// string, and !Ref AWS::Region, as the region the stack is created in), so
// two lists of one region have the same expression and those of two
// regions do not.
func (e *evaluator) getAZs(arg infra.Value, path string) infra.Value {
	region := e.eval(arg, path)
	s, ok := region.Str()
	switch {
	case !region.IsKnown() && region.Expr() == "!Ref AWS::Region":
		s = ""
	case !region.IsKnown():
		s = region.Expr()
	case !ok:
		return unknownf("!GetAZs", "Fn::GetAZs takes a region name")
	}
	if r, _ := e.pseudo["AWS::Region"].Str(); r != "" && s == r {
		s = ""
	}
	return unknownf(fmt.Sprintf("!GetAZs %q", s), "the Availability Zones of the region, known only to AWS when the stack is deployed")
}

func num(n float64) string { return strconv.FormatFloat(n, 'f', -1, 64) }

func (e *evaluator) split(arg infra.Value, path string) infra.Value {
	if arg.Kind() != infra.List || arg.Len() != 2 {
		return unknownf("Fn::Split", "Fn::Split takes a delimiter and a string")
	}
	delim, _ := e.eval(arg.List()[0], path).Str()
	v := e.eval(arg.List()[1], path)
	s, ok := v.Str()
	if !ok || !v.IsKnown() || delim == "" {
		return unknownf("!Split", "the string to split cannot be resolved")
	}
	parts := strings.Split(s, delim)
	items := make([]infra.Value, len(parts))
	for i, p := range parts {
		items[i] = str(p).WithLoc(v.Loc)
	}
	return infra.ListValue(items)
}

func (e *evaluator) ifFn(arg infra.Value, path string) infra.Value {
	if arg.Kind() != infra.List || arg.Len() != 3 {
		return unknownf("Fn::If", "Fn::If takes a condition and two values")
	}
	name, _ := arg.List()[0].Str()
	c := e.condition(name)
	if b, ok := c.Bool(); ok && c.IsKnown() {
		if b {
			return e.eval(arg.List()[1], path)
		}
		return e.eval(arg.List()[2], path)
	}
	// Both branches are evaluated for their references: whichever is
	// taken, the graph should know what it may point at.
	a, b := e.eval(arg.List()[1], path), e.eval(arg.List()[2], path)
	if sameKnown(a, b) {
		return a
	}
	return unknownf("!If "+name, "condition %s cannot be decided: %s", name, c.Why())
}

// sameKnown reports two known scalars that are equal: Fn::If over an
// undecidable condition still has one value when both branches agree.
func sameKnown(a, b infra.Value) bool {
	if !a.IsKnown() || !b.IsKnown() || a.Kind() != b.Kind() {
		return false
	}
	switch a.Kind() {
	case infra.String, infra.Number, infra.Bool:
		x, _ := a.Str()
		y, _ := b.Str()
		return x == y
	}
	return false
}

// condition evaluates the named condition: a known bool, or unknown with why.
func (e *evaluator) condition(name string) infra.Value {
	if v, ok := e.decided[name]; ok {
		return v
	}
	def := e.conditions.Field(name)
	if !e.conditions.Has(name) {
		return unknownf("Condition "+name, "the template declares no condition %s", name)
	}
	if e.deciding[name] {
		return unknownf("Condition "+name, "condition %s depends on itself", name)
	}
	e.deciding[name] = true
	v := e.logicValue(def, "")
	delete(e.deciding, name)
	if v.IsKnown() {
		if _, ok := v.Bool(); !ok {
			v = unknownf("Condition "+name, "condition %s is not a bool", name)
		}
	}
	e.decided[name] = v
	return v
}

// logicValue evaluates a condition's expression, where {"Condition": x}
// names another condition.
func (e *evaluator) logicValue(v infra.Value, path string) infra.Value {
	if name, arg, ok := intrinsicName(v); ok && name == "Condition" {
		s, _ := arg.Str()
		return e.condition(s)
	}
	return e.eval(v, path)
}

func (e *evaluator) logic(name string, arg infra.Value, path string) infra.Value {
	args := arg.List()
	switch name {
	case "Fn::Equals":
		if len(args) != 2 {
			return unknownf("Fn::Equals", "Fn::Equals takes two values")
		}
		a, b := e.eval(args[0], path), e.eval(args[1], path)
		x, okA := scalarString(a)
		y, okB := scalarString(b)
		if !okA || !okB {
			u := a
			if okA {
				u = b
			}
			return unknownf("!Equals", "a value compared cannot be resolved: %s", u.Why())
		}
		return infra.BoolValue(x == y)
	case "Fn::Not":
		if len(args) != 1 {
			return unknownf("Fn::Not", "Fn::Not takes one condition")
		}
		v := e.logicValue(args[0], path)
		if b, ok := v.Bool(); ok && v.IsKnown() {
			return infra.BoolValue(!b)
		}
		return unknownf("!Not", "%s", whyOf(v))
	default: // Fn::And, Fn::Or
		and := name == "Fn::And"
		var unknown infra.Value
		for _, a := range args {
			v := e.logicValue(a, path)
			b, ok := v.Bool()
			switch {
			case !ok || !v.IsKnown():
				if unknown.IsNull() {
					unknown = v
				}
			case b != and: // a false in And, a true in Or decides
				return infra.BoolValue(b)
			}
		}
		if !unknown.IsNull() {
			return unknownf(strings.TrimPrefix(name, "Fn::"), "%s", whyOf(unknown))
		}
		return infra.BoolValue(and)
	}
}

func whyOf(v infra.Value) string {
	if w := v.Why(); w != "" {
		return w
	}
	return "a condition is not a bool"
}

// findInMap looks a value up in Mappings. A key that cannot be resolved
// (often AWS::Region) still gives a value when every entry it could
// select holds the same one.
func (e *evaluator) findInMap(arg infra.Value, path string) infra.Value {
	args := arg.List()
	if len(args) < 3 {
		return unknownf("Fn::FindInMap", "Fn::FindInMap takes a map, a top-level key and a second-level key")
	}
	mapName, _ := e.eval(args[0], path).Str()
	m := e.mappings.Field(mapName)
	if m.Kind() != infra.Object {
		return unknownf("!FindInMap "+mapName, "the template declares no mapping %s", mapName)
	}
	k1, k2 := e.eval(args[1], path), e.eval(args[2], path)
	var candidates []infra.Value
	for _, top := range m.Fields() {
		if s, ok := scalarString(k1); ok && s != top.Name {
			continue
		}
		for _, second := range top.Value.Fields() {
			if s, ok := scalarString(k2); ok && s != second.Name {
				continue
			}
			candidates = append(candidates, second.Value)
		}
	}
	expr := "!FindInMap " + mapName
	switch {
	case len(candidates) == 0:
		if len(args) == 4 { // AWS::LanguageExtensions DefaultValue
			return e.eval(args[3].Field("DefaultValue"), path)
		}
		return unknownf(expr, "mapping %s has no such entry; CloudFormation rejects the template", mapName)
	case len(candidates) == 1 && k1.IsKnown() && k2.IsKnown():
		return e.eval(candidates[0], path)
	}
	first := e.eval(candidates[0], path)
	for _, c := range candidates[1:] {
		if !sameKnown(first, e.eval(c, path)) {
			u := k1
			if k1.IsKnown() {
				u = k2
			}
			return unknownf(expr, "the key cannot be resolved (%s), and the entries it may select differ", u.Why())
		}
	}
	return first
}

// cidr computes Fn::Cidr for an IPv4 or IPv6 block: count subnets of
// cidrBits host bits each, in order.
func (e *evaluator) cidr(arg infra.Value, path string) infra.Value {
	args := arg.List()
	if len(args) != 3 {
		return unknownf("Fn::Cidr", "Fn::Cidr takes a block, a count and a number of host bits")
	}
	block, count, bits := e.eval(args[0], path), e.eval(args[1], path), e.eval(args[2], path)
	bs, ok1 := scalarString(block)
	cs, ok2 := scalarString(count)
	hs, ok3 := scalarString(bits)
	if !ok1 || !ok2 || !ok3 {
		return unknownf("!Cidr", "the block, count or host bits of Fn::Cidr cannot be resolved")
	}
	p, err := netip.ParsePrefix(bs)
	n, err2 := strconv.Atoi(cs)
	h, err3 := strconv.Atoi(hs)
	if err != nil || err2 != nil || err3 != nil || n < 1 || n > 256 {
		return unknownf("!Cidr", "Fn::Cidr's arguments are not a CIDR block, a count of 1 to 256 and a number of host bits")
	}
	size := p.Addr().BitLen()
	newLen := size - h
	if newLen < p.Bits() || newLen > size || newLen-p.Bits() < 16 && n > 1<<(newLen-p.Bits()) {
		return unknownf("!Cidr", "%s cannot hold %d subnets of %d host bits; CloudFormation rejects the template", bs, n, h)
	}
	items := make([]infra.Value, 0, n)
	addr := p.Masked().Addr()
	for i := 0; i < n; i++ {
		items = append(items, str(netip.PrefixFrom(addr, newLen).String()))
		// Step to the next subnet: add 2^h to the address.
		b := addr.AsSlice()
		carry := h
		idx := len(b) - 1 - carry/8
		inc := 1 << (carry % 8)
		for idx >= 0 && inc > 0 {
			s := int(b[idx]) + inc
			b[idx] = byte(s)
			inc = s >> 8
			idx--
		}
		addr, _ = netip.AddrFromSlice(b)
	}
	return infra.ListValue(items)
}

// toJSON encodes a known value as JSON, or one whose unknown parts are all
// names CloudFormation gives at deployment (see deployTimeName), written
// as Fn::Sub writes them.
func (e *evaluator) toJSON(v infra.Value) (string, bool) {
	x, ok := e.plain(v)
	if !ok {
		return "", false
	}
	b, err := json.Marshal(x)
	return string(b), err == nil
}

// document is toJSON for a property that is a JSON document (a policy):
// an object or a list, never a value unknown as a whole.
func (e *evaluator) document(v infra.Value) (string, bool) {
	if v.Kind() != infra.Object && v.Kind() != infra.List {
		return "", false
	}
	return e.toJSON(v)
}

// plain turns a value into Go values for encoding/json.
func (e *evaluator) plain(v infra.Value) (any, bool) {
	switch v.Kind() {
	case infra.Null:
		return nil, true
	case infra.Unknown:
		return e.deployTimeName(v)
	case infra.Bool:
		b, _ := v.Bool()
		return b, true
	case infra.Number:
		n, _ := v.Number()
		return n, true
	case infra.String:
		s, _ := v.Str()
		return s, true
	case infra.List:
		out := make([]any, 0, v.Len())
		for _, x := range v.List() {
			p, ok := e.plain(x)
			if !ok {
				return nil, false
			}
			out = append(out, p)
		}
		return out, true
	case infra.Object:
		out := make(map[string]any, v.Len())
		for _, f := range v.Fields() {
			p, ok := e.plain(f.Value)
			if !ok {
				return nil, false
			}
			out[f.Name] = p
		}
		return out, true
	}
	return nil, false
}

// deployTimeName writes an unknown that can only be a name CloudFormation
// gives when it deploys the stack (a resource's Ref or attribute, a
// pseudo-parameter, or text joining those with literals) as Fn::Sub
// writes it: "${Uploads.Arn}/*". Such a name is never a wildcard nor
// empty, which is what the rules ask of a policy's resources and
// principals or a queue's dead-letter target; a parameter with no value
// could be "*", so it stays unknown.
func (e *evaluator) deployTimeName(v infra.Value) (string, bool) {
	expr := v.Expr()
	if name, ok := strings.CutPrefix(expr, "!Ref "); ok {
		return "${" + name + "}", e.givenAtDeploy(name)
	}
	if name, ok := strings.CutPrefix(expr, "!GetAtt "); ok {
		return "${" + name + "}", e.givenAtDeploy(name)
	}
	tmpl, ok := strings.CutPrefix(expr, "!Sub ")
	if !ok {
		return "", false
	}
	for rest := tmpl; ; {
		i := strings.Index(rest, "${")
		if i < 0 {
			return tmpl, true
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return tmpl, true
		}
		name := rest[i+2 : i+j]
		rest = rest[i+j+1:]
		if !strings.HasPrefix(name, "!") && !e.givenAtDeploy(strings.TrimSpace(name)) {
			return "", false
		}
	}
}

// givenAtDeploy: name (a Ref's or a Fn::GetAtt's "Resource.Attribute")
// is a resource's, or a pseudo-parameter other than AWS::NoValue.
func (e *evaluator) givenAtDeploy(name string) bool {
	if strings.HasPrefix(name, "AWS::") {
		return name != "AWS::NoValue"
	}
	res, _, _ := strings.Cut(name, ".")
	_, ok := e.resources[res] // never a parameter's too: logical ids are unique
	return ok
}
