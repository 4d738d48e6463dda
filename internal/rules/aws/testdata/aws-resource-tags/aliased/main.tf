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

# Tagged by provider.aws.eu's default_tags.
resource "aws_s3_bucket" "pass_aliased_provider" {
  provider = aws.eu
  bucket   = "acme-aliased"
}

# The default provider sets no default_tags, though the aliased one does.
resource "aws_s3_bucket" "fail_default_provider" {
  bucket = "acme-default"
}

# A module handed the aliased provider is tagged by it.
module "tagged" {
  source    = "./modules/passed"
  providers = { aws = aws.eu }
}

# A module that inherits the default provider is not.
module "untagged" {
  source = "./modules/inherited"
}

resource "aws_sqs_queue" "pass_tagged_directly" {
  name = "orders"
  tags = { team = "shop" }
}
