package cloudformation

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source"
	"github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

const evalTemplate = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: prod
  Retention:
    Type: Number
    Default: 14
  Subnets:
    Type: CommaDelimitedList
    Default: "subnet-a, subnet-b"
  Password:
    Type: String
    NoEcho: true
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, !Equals [!Ref "AWS::Region", eu-west-1]]
Mappings:
  Sizes:
    prod: {Class: db.r7g.large}
    dev: {Class: db.t4g.micro}
  Same:
    eu-west-1: {Days: 7}
    us-east-1: {Days: 7}
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: !FindInMap [Sizes, !Ref Env, Class]
      BackupRetentionPeriod: !Ref Retention
      MultiAZ: !If [IsProd, true, false]
      StorageEncrypted: "true"
      MasterUserPassword: !Ref Password
      EngineVersion: !Select [1, !Split [",", "a,16.3,c"]]
      DBParameterGroupName: !Sub "${Env}-${AWS::Region}"
      MonitoringInterval: !FindInMap [Same, !Ref "AWS::Region", Days]
      Engine: !Join ["", [post, gres]]
      KmsKeyId: !GetAtt Key.Arn
      AvailabilityZone: !Select [0, !GetAZs ""]
      EnablePerformanceInsights: !If [Both, true, false]
      DBSubnetGroupName: !ImportValue shared-subnets
      VPCSecurityGroups:
        - !If [IsDev, sg-dev, !Ref "AWS::NoValue"]
        - sg-1
  DevQueue:
    Type: AWS::SQS::Queue
    Condition: IsDev
  Key:
    Type: AWS::KMS::Key
    Properties:
      Tags:
        - Key: env
          Value: !Ref Env
`

func loadString(t *testing.T, text string) (*infra.Component, []infra.Note) {
	t.Helper()
	c, notes := File("template.yaml", []byte(text), nil)
	if c == nil {
		t.Fatalf("not loaded as a template: %v", notes)
	}
	return c, notes
}

func find(c *infra.Component, addr string) *infra.Resource {
	for _, r := range c.Resources {
		if r.Address == addr {
			return r
		}
	}
	return nil
}

func TestEvaluation(t *testing.T) {
	c, notes := loadString(t, evalTemplate)
	if len(notes) != 0 {
		t.Errorf("notes: %v", notes)
	}
	if find(c, "DevQueue") != nil {
		t.Error("DevQueue's condition is false: it must not be graded")
	}
	db := find(c, "Db")
	if db == nil || db.Kind != "aws_db_instance" {
		t.Fatalf("Db = %+v", db)
	}
	want := map[string]string{
		"instance_class":          "db.r7g.large",
		"backup_retention_period": "14",
		"multi_az":                "true",
		"storage_encrypted":       "true",
		"engine_version":          "16.3",
		"monitoring_interval":     "7",
		"engine":                  "postgres",
	}
	for path, w := range want {
		v := db.Attrs.Get(path)
		if s, _ := v.Str(); !v.IsKnown() || s != w {
			t.Errorf("%s = %v (%s), want %s", path, s, v.Why(), w)
		}
	}
	if n, ok := db.Attrs.Get("backup_retention_period").Number(); !ok || n != 14 {
		t.Errorf("a Number parameter reads as a number: %v %v", n, ok)
	}
	if b, ok := db.Attrs.Get("storage_encrypted").Bool(); !ok || !b {
		t.Error(`"true" is a bool where CloudFormation wants one`)
	}
	for path, why := range map[string]string{
		"password":                     "no default",
		"parameter_group_name":         "AWS::Region",
		"kms_key_id":                   "known only after CloudFormation creates it",
		"availability_zone":            "Availability Zones",
		"performance_insights_enabled": "AWS::Region",
		"db_subnet_group_name":         "another stack exports",
	} {
		v := db.Attrs.Get(path)
		if v.IsKnown() || !strings.Contains(v.Why(), why) {
			t.Errorf("%s: want unknown because %q, got %v (%s)", path, why, v.Kind(), v.Why())
		}
	}
	if sgs := db.Attrs.Get("vpc_security_group_ids"); sgs.Len() != 1 {
		t.Errorf("AWS::NoValue removes the element: %d elements", sgs.Len())
	}
	if len(db.Refs) != 1 || db.Refs[0].To != "Key" || db.Refs[0].Attr != "kms_key_id" {
		t.Errorf("refs = %+v, want one to Key at kms_key_id", db.Refs)
	}
	if l := db.AttrLoc("backup_retention_period"); l.Line != 31 {
		t.Errorf("backup_retention_period at %v, want line 31", l)
	}
	key := find(c, "Key")
	if s, _ := key.Attrs.Get("tags.env").Str(); s != "prod" {
		t.Errorf("tags.env = %q", s)
	}
}

func TestParametersFile(t *testing.T) {
	dir := t.TempDir()
	tmpl := filepath.Join(dir, "stack.yaml")
	write(t, tmpl, "Parameters:\n  Days: {Type: Number, Default: 1}\n  Pw: {Type: String, NoEcho: true}\nResources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      BackupRetentionPeriod: !Ref Days\n      MasterUserPassword: !Ref Pw\n")
	for name, text := range map[string]string{
		"create-stack.json": `[{"ParameterKey": "Days", "ParameterValue": "21"}, {"ParameterKey": "Pw", "ParameterValue": "s3cret"}]`,
		"pipeline.json":     `{"Parameters": {"Days": "21", "Pw": "s3cret"}, "Tags": {"team": "shop"}}`,
	} {
		pf := filepath.Join(dir, name)
		write(t, pf, text)
		in := &source.Input{Paths: []string{dir}, Files: []string{tmpl}, Tree: confine.New(dir), Workers: source.NewWorkers(1),
			Options: Options{ParametersFile: pf}}
		var comps []*infra.Component
		notes := source.Lookup("cloudformation").Load(context.Background(), in, func(c *infra.Component) { comps = append(comps, c) })
		if len(notes) != 0 || len(comps) != 1 {
			t.Fatalf("%s: notes %v, %d components", name, notes, len(comps))
		}
		db := comps[0].Resources[0]
		if n, _ := db.Attrs.Get("backup_retention_period").Number(); n != 21 {
			t.Errorf("%s: backup_retention_period = %v, want 21", name, n)
		}
		if pw := db.Attrs.Get("password"); !pw.IsExternal() || !pw.IsSensitive() {
			t.Errorf("%s: a NoEcho parameter given at deploy is external and hidden", name)
		}
		if name == "pipeline.json" {
			if s, _ := db.Attrs.Get("tags.team").Str(); s != "shop" {
				t.Errorf("stack tags reach every resource: tags = %v", db.Attrs.Get("tags"))
			}
		}
	}
	bad := filepath.Join(dir, "bad.json")
	write(t, bad, `{"Days": 3}`)
	in := &source.Input{Tree: confine.New(dir), Options: Options{ParametersFile: bad}}
	if err := source.Lookup("cloudformation").Validate(in); err == nil || !strings.Contains(err.Error(), "ParameterKey") {
		t.Errorf("a file in neither form is a usage error that shows both: %v", err)
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Each YAML format leaves the other's files alone: a template is not a
// Kubernetes manifest, and a manifest or a Compose file is not a template.
func TestFormatsLeaveEachOthersFilesAlone(t *testing.T) {
	manifest := "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n"
	// A ConfigMap that happens to hold a template must stay Kubernetes.
	configMap := "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfn\ndata:\n  Resources: \"Type: AWS::S3::Bucket\"\n"
	composeFile := "services:\n  web:\n    image: nginx:1.27\n"
	for name, text := range map[string]string{"manifest": manifest, "configmap": configMap, "compose": composeFile} {
		if c, notes := File(name+".yaml", []byte(text), nil); c != nil || len(notes) > 0 {
			t.Errorf("%s taken for a template: %v %v", name, c, notes)
		}
	}
	objs, notes := kubernetes.File("template.yaml", []byte(evalTemplate), "default")
	if len(objs) != 0 || len(notes) != 0 {
		t.Errorf("the Kubernetes loader took a template: %v %v", objs, notes)
	}
	if Sniff([]byte(manifest)) != 0 || Sniff([]byte(evalTemplate)) != 2 {
		t.Error("Sniff")
	}
	eks := evalTemplate + "  Manifest:\n    Type: Custom::Manifest\n    Properties:\n      Body: \"apiVersion: v1\\nkind: Namespace\"\n"
	if source.Lookup("kubernetes").Sniff([]byte(eks)) != 0 {
		t.Error("a template holding a manifest is sniffed as Kubernetes")
	}
	if Match("main.tf.json") || !Match("stack.template") || !Match("cdk.out/App.template.json") {
		t.Error("Match")
	}
}

func TestJSONTemplate(t *testing.T) {
	text := `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Table": {
      "Type": "AWS::DynamoDB::Table",
      "Properties": {
        "BillingMode": "PAY_PER_REQUEST",
        "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": {"Fn::Equals": ["a", "a"]}}
      }
    }
  }
}`
	c, _ := loadString(t, text)
	tb := find(c, "Table")
	v := tb.Attrs.Get("point_in_time_recovery.enabled")
	if b, _ := v.Bool(); !b || v.Loc.Line != 8 {
		t.Errorf("point_in_time_recovery.enabled = %v at %v", b, v.Loc)
	}
}

func TestUnknownConditionIsGradedWithANote(t *testing.T) {
	c, notes := loadString(t, "Conditions:\n  InUS: !Equals [!Ref \"AWS::Region\", us-east-1]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Condition: InUS\n")
	if find(c, "Q") == nil || len(notes) != 1 || notes[0].Kind != infra.NoteCoverage || notes[0].Line != 6 {
		t.Errorf("resources %v, notes %+v", c.Resources, notes)
	}
}

func TestCidr(t *testing.T) {
	c, _ := loadString(t, "Resources:\n  S:\n    Type: AWS::EC2::Subnet\n    Properties:\n      CidrBlock: !Select [2, !Cidr [10.0.0.0/16, 4, 8]]\n")
	if s, _ := find(c, "S").Attrs.Get("cidr_block").Str(); s != "10.0.2.0/24" {
		t.Errorf("cidr_block = %q", s)
	}
}

func TestBrokenTemplateIsAnError(t *testing.T) {
	_, notes := File("t.yaml", []byte("AWSTemplateFormatVersion: 2010-09-09\nResources:\n  A: [\n"), nil)
	if len(notes) != 1 || notes[0].Kind != infra.NoteError || notes[0].Line == 0 {
		t.Errorf("notes = %+v", notes)
	}
}

func TestForEach(t *testing.T) {
	c, notes := loadString(t, `Transform: AWS::LanguageExtensions
Parameters:
  Names: {Type: CommaDelimitedList, Default: "orders,users"}
  Unknown: {Type: CommaDelimitedList}
Resources:
  Fn::ForEach::Tables:
    - Name
    - !Ref Names
    - Table&{Name}:
        Type: AWS::DynamoDB::Table
        Properties:
          TableName: !Sub "${Name}-table"
          BillingMode: PAY_PER_REQUEST
  Fn::ForEach::Later:
    - X
    - !Ref Unknown
    - Q${X}: {Type: AWS::SQS::Queue}
`)
	for _, id := range []string{"Tableorders", "Tableusers"} {
		r := find(c, id)
		if r == nil {
			t.Fatalf("%s not made; have %v", id, c.Resources)
		}
		if s, _ := r.Attrs.Get("name").Str(); !strings.HasSuffix(s, "-table") || strings.Contains(s, "$") {
			t.Errorf("%s: name = %q", id, s)
		}
	}
	if len(notes) != 1 || notes[0].Kind != infra.NoteCoverage || !strings.Contains(notes[0].Message, "Fn::ForEach::Later") {
		t.Errorf("notes = %+v", notes)
	}
}

func TestSAMGlobals(t *testing.T) {
	c, _ := loadString(t, `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    MemorySize: 512
    Environment:
      Variables: {STAGE: prod, LOG_LEVEL: info}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      MemorySize: 1024
      AutoPublishAlias: live
      Environment:
        Variables: {LOG_LEVEL: debug}
`)
	fn := find(c, "Fn")
	if n, _ := fn.Attrs.Get("memory_size").Number(); n != 1024 {
		t.Errorf("the function's own MemorySize wins: %v", n)
	}
	vars := fn.Attrs.Get("environment.variables")
	if s, _ := vars.Get("STAGE").Str(); s != "prod" {
		t.Errorf("Globals' variables are merged in: %v", vars)
	}
	if s, _ := vars.Get("LOG_LEVEL").Str(); s != "debug" {
		t.Errorf("the function's variable wins: %v", vars)
	}
	alias := find(c, "Fn.AutoPublishAlias")
	if alias == nil || alias.Kind != "aws_lambda_alias" {
		t.Fatalf("AutoPublishAlias makes an alias: %v", c.Resources)
	}
	if b, _ := fn.Attrs.Get("publish").Bool(); !b {
		t.Error("AutoPublishAlias publishes versions")
	}
}

func loadDir(t *testing.T, dir string, files ...string) ([]*infra.Component, []infra.Note) {
	t.Helper()
	var paths []string
	for _, f := range files {
		paths = append(paths, filepath.Join(dir, f))
	}
	in := &source.Input{Paths: []string{dir}, Files: paths, Tree: confine.New(dir), Workers: source.NewWorkers(1)}
	var comps []*infra.Component
	notes := source.Lookup("cloudformation").Load(context.Background(), in, func(c *infra.Component) { comps = append(comps, c) })
	return comps, notes
}

func TestCDKAssembly(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "manifest.json"), `{"version": "36.0.0", "artifacts": {
  "ShopStack": {"type": "aws:cloudformation:stack", "environment": "aws://123456789012/eu-west-1", "displayName": "Prod/ShopStack",
    "properties": {"templateFile": "ShopStack.template.json", "tags": {"team": "shop"}}},
  "Tree": {"type": "cdk:tree", "properties": {"file": "tree.json"}}}}`)
	write(t, filepath.Join(dir, "ShopStack.template.json"), `{
 "Resources": {
  "OrdersDb1A2B3C": {"Type": "AWS::RDS::DBInstance",
   "Properties": {"Engine": "postgres", "DBInstanceClass": "db.m7g.large", "AvailabilityZone": {"Fn::Sub": "${AWS::Region}a"}},
   "Metadata": {"aws:cdk:path": "Prod/ShopStack/OrdersDb/Resource"}},
  "Nested": {"Type": "AWS::CloudFormation::Stack",
   "Properties": {"TemplateURL": {"Fn::Join": ["", ["https://s3.", {"Ref": "AWS::Region"}, ".amazonaws.com/asset.json"]]}, "Parameters": {"Days": "9"}},
   "Metadata": {"aws:cdk:path": "Prod/ShopStack/Nested.NestedStack/Nested.NestedStackResource", "aws:asset:path": "ShopStackNested.nested.template.json"}}
 }}`)
	write(t, filepath.Join(dir, "ShopStackNested.nested.template.json"), `{"Parameters": {"Days": {"Type": "Number"}},
 "Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"MessageRetentionPeriod": {"Ref": "Days"}}}}}`)
	comps, notes := loadDir(t, dir, "manifest.json", "ShopStack.template.json", "ShopStackNested.nested.template.json")
	if len(notes) != 0 || len(comps) != 1 {
		t.Fatalf("notes %v, %d components (the nested template is graded with its parent only)", notes, len(comps))
	}
	c := comps[0]
	if c.Name != "Prod/ShopStack" || !strings.HasPrefix(c.Kind, "cdk stack") {
		t.Errorf("component %q (%s), want the stack id", c.Name, c.Kind)
	}
	db := find(c, "Prod/ShopStack/OrdersDb/Resource")
	if db == nil {
		t.Fatalf("resources are addressed by their construct path: %v", c.Resources)
	}
	if s, _ := db.Attrs.Get("tags.team").Str(); s != "shop" {
		t.Errorf("the stack's tags reach its resources: %v", db.Attrs.Get("tags"))
	}
	if s, _ := db.Attrs.Get("availability_zone").Str(); s != "eu-west-1a" {
		t.Errorf("the stack's environment gives AWS::Region: %q", s)
	}
	q := find(c, "Prod/ShopStack/Nested.NestedStack/Nested.NestedStackResource/Q")
	if q == nil {
		t.Fatalf("the nested stack's resources are graded with the parent: %v", c.Resources)
	}
	if n, _ := q.Attrs.Get("message_retention_seconds").Number(); n != 9 {
		t.Errorf("the parent's parameters reach the nested stack: %v", q.Attrs.Get("message_retention_seconds"))
	}
}

func TestNestedStacks(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "parent.yaml"), `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Network:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./network.yaml
  Remote:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://s3.amazonaws.com/bucket/db.yaml
  Loop:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: parent.yaml
`)
	write(t, filepath.Join(dir, "network.yaml"), "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.0.0.0/16}\n")
	comps, notes := loadDir(t, dir, "network.yaml", "parent.yaml")
	if len(comps) != 1 || find(comps[0], "Network/Vpc") == nil {
		t.Fatalf("components %v", comps)
	}
	var msgs []string
	for _, n := range notes {
		msgs = append(msgs, n.Message)
	}
	if len(notes) != 2 || !strings.Contains(msgs[0]+msgs[1], "https://s3.amazonaws.com/bucket/db.yaml") || !strings.Contains(msgs[0]+msgs[1], "contains itself") {
		t.Errorf("notes: %q", msgs)
	}
}

// Hostile templates end quickly, in notes or unknowns: loops that would
// multiply without end, conditions that depend on themselves, functions
// nested past what is evaluated.
func TestHostileTemplates(t *testing.T) {
	long := strings.Repeat("a,", 3000) + "a"
	nestedIf := strings.Repeat("{\"Fn::If\": [\"C\", ", 300) + "1" + strings.Repeat(", 2]}", 300)
	for name, text := range map[string]string{
		"foreach": "Parameters:\n  L: {Type: CommaDelimitedList, Default: \"" + long + "\"}\nResources:\n  Fn::ForEach::A:\n    - X\n    - !Ref L\n    - Fn::ForEach::B:\n        - Y\n        - !Ref L\n        - Q${X}${Y}: {Type: AWS::SQS::Queue}\n",
		"cycle":   "Conditions:\n  A: !Condition B\n  B: !And [!Condition A, !Condition A]\nResources:\n  Q: {Type: AWS::SQS::Queue, Condition: A}\n",
		"deep-if": `{"Conditions": {"C": {"Fn::Equals": [{"Ref": "AWS::Region"}, "x"]}}, "Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"DelaySeconds": ` + nestedIf + `}}}}`,
		"cidr":    "Resources:\n  S: {Type: AWS::EC2::Subnet, Properties: {CidrBlock: !Select [0, !Cidr [\"::/0\", 256, 1]]}}\n",
	} {
		done := make(chan struct{})
		go func() {
			defer close(done)
			File(name+".yaml", []byte(text), nil)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: still loading after 10s", name)
		}
	}
}

// TestRealCDKSynth loads what the CDK itself wrote (testdata/cdk-synth: two
// stacks, one importing the other's VPC).
func TestRealCDKSynth(t *testing.T) {
	dir := filepath.Join("testdata", "cdk-synth", "cdk.out")
	comps, notes := loadDir(t, dir, "manifest.json", "Data.template.json", "Network.template.json")
	if len(notes) != 0 {
		t.Errorf("notes: %v", notes)
	}
	byName := map[string]*infra.Component{}
	for _, c := range comps {
		byName[c.Name] = c
		if c.Tool != Tool {
			t.Errorf("%s: unknowns are settled by %q, want %q: the CDK has run already", c.Name, c.Tool, Tool)
		}
	}
	data, network := byName["Data"], byName["Network"]
	if data == nil || network == nil || len(comps) != 2 {
		t.Fatalf("components %v, want Data and Network", comps)
	}
	if find(network, "Network/Vpc/Resource") == nil {
		t.Errorf("the VPC is addressed by its construct path: %v", network.Resources)
	}
	db := find(data, "Data/OrdersDb/Resource")
	if db == nil {
		t.Fatalf("no Data/OrdersDb/Resource: %v", data.Resources)
	}
	for path, want := range map[string]string{"multi_az": "false", "backup_retention_period": "1", "engine": "postgres"} {
		if got, _ := db.Attrs.Get(path).Str(); got != want {
			t.Errorf("OrdersDb %s = %q, want %q", path, got, want)
		}
	}
	// Every CDK function's role attaches AWSLambdaBasicExecutionRole
	// through an ARN joined with AWS::Partition: which policy it is does
	// not wait for the deployment.
	att := find(data, "Data/Worker/ServiceRole/Resource.ManagedPolicyArns.0")
	if att == nil {
		t.Fatalf("no attachment for the function's role: %v", data.Resources)
	}
	if got, _ := att.Attrs.Get("policy_arn").Str(); got != "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole" {
		t.Errorf("policy_arn = %v", att.Attrs.Get("policy_arn"))
	}
}

// TestDeployTimeNamesInDocuments: a policy naming a resource of the
// template (or a pseudo-parameter) is known but for those names, which are
// never a wildcard; a parameter with no value could be anything.
func TestDeployTimeNamesInDocuments(t *testing.T) {
	comp, notes := File("t.yaml", []byte(`Parameters:
  Target: {Type: String}
Resources:
  Uploads: {Type: AWS::S3::Bucket}
  Dlq: {Type: AWS::SQS::Queue}
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 5}
  Named:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - {Effect: Allow, Action: "s3:GetObject", Resource: !Sub "${Uploads.Arn}/*"}
          - {Effect: Allow, Action: "s3:ListBucket", Resource: !Join ["", ["arn:", !Ref "AWS::Partition", ":s3:::", !Ref Uploads]]}
  Open:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - {Effect: Allow, Action: "*", Resource: !Ref Target}
`), nil)
	if len(notes) != 0 {
		t.Fatalf("notes: %v", notes)
	}
	for addr, want := range map[string]string{
		"Orders": `{"deadLetterTargetArn":"${Dlq.Arn}","maxReceiveCount":5}`,
		"Named":  `{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":"${Uploads.Arn}/*"},{"Action":"s3:ListBucket","Effect":"Allow","Resource":"arn:${AWS::Partition}:s3:::${Uploads}"}]}`,
	} {
		r := find(comp, addr)
		attr := "policy"
		if addr == "Orders" {
			attr = "redrive_policy"
		}
		if got, _ := r.Attrs.Get(attr).Str(); got != want || !r.Attrs.Get(attr).IsKnown() {
			t.Errorf("%s %s = %v, want %s", addr, attr, r.Attrs.Get(attr), want)
		}
	}
	if v := find(comp, "Open").Attrs.Get("policy"); v.IsKnown() {
		t.Errorf("a policy with a parameter that has no value is unknown: %v", v)
	}
}

// TestSuppressionMetadata: a resource whose Metadata holds suppressions
// carries it as written, and so do the resources made from it; the
// template's cfn-lint settings reach every resource; Metadata that holds
// none (CDK's paths) is not carried.
func TestSuppressionMetadata(t *testing.T) {
	c, _ := loadString(t, `AWSTemplateFormatVersion: "2010-09-09"
Metadata:
  cfn-lint:
    config:
      ignore_checks: [I3100]
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Metadata:
      cfn_nag:
        rules_to_suppress:
          - id: W35
            reason: it is the log bucket
    Properties:
      VersioningConfiguration:
        Status: Enabled
  Queue:
    Type: AWS::SQS::Queue
    Metadata:
      aws:cdk:path: App/Queue/Resource
`)
	top := func(r *infra.Resource) {
		if r == nil || r.Metadata == nil {
			t.Fatalf("%v carries no Metadata", r)
		}
		ids, _ := r.Metadata.Template.Get("cfn-lint.config.ignore_checks").List()[0].Str()
		if ids != "I3100" {
			t.Errorf("%s: template Metadata %v", r.Address, r.Metadata.Template)
		}
	}
	bucket, versioning, queue := find(c, "Logs"), find(c, "Logs.VersioningConfiguration"), find(c, "App/Queue/Resource")
	top(bucket)
	top(queue)
	if versioning == nil || versioning.Metadata != bucket.Metadata {
		t.Fatalf("the versioning resource made from Logs does not carry Logs's Metadata")
	}
	entry := bucket.Metadata.Resource.Get("cfn_nag.rules_to_suppress").List()
	if id, _ := entry[0].Field("id").Str(); id != "W35" || entry[0].Loc.Line != 12 {
		t.Errorf("the cfn_nag entry is %v at line %d, want W35 at 12", entry[0], entry[0].Loc.Line)
	}
	if !queue.Metadata.Resource.IsNull() {
		t.Errorf("the queue's Metadata holds no suppression but is carried: %v", queue.Metadata.Resource)
	}
	c, _ = loadString(t, "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Metadata: {aws:cdk:path: App/Q}\n")
	if r := c.Resources[0]; r.Metadata != nil {
		t.Errorf("no suppression anywhere, yet %s carries Metadata", r.Address)
	}
}

// TestZoneExpressions: a zone picked from Fn::GetAZs is unknown, and its
// expression keeps the index and the region, so two subnets' zones are the
// same expression exactly when they are the same zone of the same region
// ("" and !Ref AWS::Region both mean the stack's own).
func TestZoneExpressions(t *testing.T) {
	src := `Resources:
  A:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-1
      CidrBlock: 10.0.0.0/24
      AvailabilityZone: !Select [0, !GetAZs ""]
  B:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-1
      CidrBlock: 10.0.1.0/24
      AvailabilityZone: !Select [1, !GetAZs ""]
  C:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-1
      CidrBlock: 10.0.2.0/24
      AvailabilityZone: !Select [0, !GetAZs {Ref: "AWS::Region"}]
  D:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-1
      CidrBlock: 10.0.3.0/24
      AvailabilityZone: !Select [0, !GetAZs eu-west-1]
`
	comp, notes := File("t.yaml", []byte(src), nil)
	if comp == nil {
		t.Fatalf("not loaded: %v", notes)
	}
	want := map[string]string{
		"A": `!Select [0, !GetAZs ""]`, "B": `!Select [1, !GetAZs ""]`,
		"C": `!Select [0, !GetAZs ""]`, "D": `!Select [0, !GetAZs "eu-west-1"]`,
	}
	for id, w := range want {
		r := find(comp, id)
		if r == nil {
			t.Fatalf("no %s", id)
		}
		if v := r.Attrs.Get("availability_zone"); v.IsKnown() || v.Expr() != w {
			t.Errorf("%s: availability_zone = %q (known %v), want unknown %q", id, v.Expr(), v.IsKnown(), w)
		}
	}
}
