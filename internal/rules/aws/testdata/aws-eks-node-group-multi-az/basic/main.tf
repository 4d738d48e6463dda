variable "subnet_ids" {
  type = list(string)
}

variable "extra_subnet_ids" {
  type = list(string)
}

locals {
  zones = { a = "eu-west-1a", b = "eu-west-1b" }
}

resource "aws_subnet" "private" {
  for_each          = local.zones
  vpc_id            = "vpc-12345678"
  availability_zone = each.value
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, index(keys(local.zones), each.key))
}

resource "aws_subnet" "same_zone" {
  count             = 2
  vpc_id            = "vpc-12345678"
  availability_zone = "eu-west-1a"
  cidr_block        = "10.0.${10 + count.index}.0/24"
}

# Each node group joins its own cluster (cluster_name differs), so none
# counts another's zones.
resource "aws_eks_node_group" "pass_two_zones" {
  cluster_name  = "shop"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = [for s in aws_subnet.private : s.id]
  scaling_config {
    min_size     = 2
    max_size     = 4
    desired_size = 2
  }
}

# concat() with a variable that has no value makes the list unknown; the
# references still say it holds subnets in two zones.
resource "aws_eks_node_group" "pass_known_after_apply" {
  cluster_name  = "data"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = concat([aws_subnet.private["a"].id, aws_subnet.private["b"].id], var.extra_subnet_ids)
  scaling_config {
    min_size     = 2
    max_size     = 4
    desired_size = 2
  }
}

resource "aws_eks_node_group" "fail_two_subnets_one_zone" {
  cluster_name  = "tools"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = aws_subnet.same_zone[*].id
  scaling_config {
    min_size     = 2
    max_size     = 4
    desired_size = 2
  }
}

resource "aws_eks_node_group" "fail_one_literal_subnet" {
  cluster_name  = "batch"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-0a1b2c3d"]
  scaling_config {
    min_size     = 2
    max_size     = 4
    desired_size = 2
  }
}

resource "aws_eks_node_group" "unknown_literal_subnets" {
  cluster_name  = "ml"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  scaling_config {
    min_size     = 2
    max_size     = 4
    desired_size = 2
  }
}

resource "aws_eks_node_group" "unknown_variable" {
  cluster_name  = "search"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = var.subnet_ids
  scaling_config {
    min_size     = 2
    max_size     = 4
    desired_size = 2
  }
}
