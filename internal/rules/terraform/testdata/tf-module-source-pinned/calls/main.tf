module "pass_registry_version" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.8"
}

module "pass_private_registry" {
  source  = "app.terraform.io/acme/network/aws"
  version = "2.3.1"
}

module "fail_registry_no_version" {
  source = "terraform-aws-modules/s3-bucket/aws"
}

module "fail_registry_open_ended" {
  source  = "terraform-aws-modules/rds/aws"
  version = ">= 6.0"
}

module "pass_git_tag" {
  source = "git::https://github.com/acme/tf-network.git?ref=v2.3.1"
}

module "pass_git_commit" {
  source = "git::https://github.com/acme/tf-network.git//modules/vpc?ref=3f2a1bc9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3"
}

module "fail_git_no_ref" {
  source = "git::https://github.com/acme/tf-network.git"
}

module "fail_github_branch" {
  source = "github.com/acme/tf-network?ref=main"
}

module "skip_local" {
  source = "./modules/local"
}

# A ref that is neither a version nor a commit may be a tag or a branch.
module "unknown_named_ref" {
  source = "git::https://github.com/acme/tf-network.git?ref=release-candidate"
}
