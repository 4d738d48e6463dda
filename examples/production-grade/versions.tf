terraform {
  required_version = ">= 1.6.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }

  # State lives in a versioned, encrypted bucket owned by the platform team.
  # S3-native lock files are the lock; the DynamoDB table stays until every
  # pipeline runs Terraform >= 1.10.
  backend "s3" {
    bucket         = "acme-terraform-state-prod"
    key            = "shop/prod/terraform.tfstate"
    region         = "us-east-1"
    encrypt        = true
    kms_key_id     = "alias/terraform-state"
    use_lockfile   = true
    dynamodb_table = "terraform-locks"
  }
}
