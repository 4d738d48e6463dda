# A root module that meets every rule that applies to it: exit code 0.
terraform {
  required_version = ">= 1.6.0, < 2.0.0"

  required_providers {
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }

  backend "s3" {
    bucket       = "acme-terraform-state"
    key          = "prodgrade/good/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}

resource "random_pet" "name" {
  length = 2
}
