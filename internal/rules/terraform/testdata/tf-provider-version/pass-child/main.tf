terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

module "pass_minimum_version" {
  source = "./modules/good"
}

module "fail_no_version" {
  source = "./modules/bad"
}
