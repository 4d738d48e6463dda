provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "eu"
  region = "eu-central-1"
  default_tags {
    tags = { team = "shop" }
  }
}

# Tagged by provider.aws.eu's default_tags. prodgrade's loader does not record
# the provider meta-argument yet, so the rule cannot tell which provider applies.
resource "aws_s3_bucket" "unknown_aliased_provider" {
  provider = aws.eu
  bucket   = "acme-aliased"
}

resource "aws_sqs_queue" "pass_tagged_directly" {
  name = "orders"
  tags = { team = "shop" }
}
