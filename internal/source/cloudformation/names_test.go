package cloudformation

import "testing"

func TestOwnNames(t *testing.T) {
	for typ := range builtNames {
		if _, ok := mapping[typ]; !ok {
			t.Errorf("builtNames lists %s, which mapping does not map", typ)
		}
	}
	db := ownNames()["AWS::RDS::DBInstance"]
	for word, want := range map[string]string{
		"multi_az":                "MultiAZ",
		"backup_retention_period": "BackupRetentionPeriod",
		"aws_sqs_queue":           "AWS::SQS::Queue",
		"aws_db_instance":         "AWS::RDS::DBInstance",
	} {
		if got := db[word]; got != want {
			t.Errorf("%s: %q, want %q", word, got, want)
		}
	}
	// Single words are prose too: never renamed.
	for _, word := range []string{"engine", "port", "bucket"} {
		if got, ok := db[word]; ok {
			t.Errorf("the word %s is renamed %q", word, got)
		}
	}
	// A kind two types make (a SAM function and a Lambda function) has no one name.
	types := map[string]int{}
	for _, m := range mapping {
		types[m.kind]++
	}
	for kind, n := range types {
		if _, ok := db[kind]; ok && n > 1 {
			t.Errorf("%s, made by %d types, is named %q", kind, n, db[kind])
		}
	}
}
