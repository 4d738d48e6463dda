variable "mutability" {
  type = string
}

locals {
  repos = toset(["web", "worker"])
}

resource "aws_ecr_repository" "pass_immutable" {
  for_each             = local.repos
  name                 = each.key
  image_tag_mutability = "IMMUTABLE"
}

resource "aws_ecr_repository" "fail_omitted" {
  name = "omitted"
}

resource "aws_ecr_repository" "fail_mutable" {
  name                 = "mutable"
  image_tag_mutability = "MUTABLE"
}

resource "aws_ecr_repository" "unknown_from_variable" {
  name                 = "unknown"
  image_tag_mutability = var.mutability
}
