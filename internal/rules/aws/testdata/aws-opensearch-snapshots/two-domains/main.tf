terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
    opensearch = {
      source = "opensearch-project/opensearch"
    }
  }
}

resource "aws_opensearch_domain" "pass_its_provider" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"
}

resource "aws_opensearch_domain" "fail_other_domain" {
  domain_name    = "logs"
  engine_version = "OpenSearch_2.13"
}

provider "opensearch" {
  url = "https://${aws_opensearch_domain.pass_its_provider.endpoint}"
}

resource "opensearch_snapshot_repository" "s3" {
  name = "s3-snapshots"
  type = "s3"
  settings = {
    bucket = "acme-search-snapshots"
    region = "eu-west-1"
  }
}
