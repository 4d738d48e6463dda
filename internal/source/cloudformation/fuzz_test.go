package cloudformation

import "testing"

// FuzzTemplate loads one template and looks only for panics and hangs:
// every input must end in a component, notes, or nothing (not a template).
func FuzzTemplate(f *testing.F) {
	for _, s := range []string{
		evalTemplate,
		"AWSTemplateFormatVersion: x\nResources:\n  A: {Type: AWS::S3::Bucket, Properties: {VersioningConfiguration: !If [C, {Status: Enabled}, !Ref AWS::NoValue]}}\nConditions:\n  C: !Equals [!Ref P, !Ref P]\n",
		"Conditions:\n  A: !Condition B\n  B: !Not [!Condition A]\nResources:\n  Q: {Type: AWS::SQS::Queue, Condition: A}\n",
		"Resources:\n  S: {Type: AWS::EC2::Subnet, Properties: {CidrBlock: !Select [300, !Cidr [\"::/0\", 256, 1]]}}\n",
		`{"Resources": {"F": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": {"Fn::Sub": ["${A}${!B}${", {"A": {"Fn::GetAtt": ["F", "Arn"]}}]}}}}}`,
		"Resources:\n  X: &a {Type: AWS::SNS::Topic, Properties: {Tags: [*a]}}\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		File("template.yaml", []byte(text), nil)
	})
}
