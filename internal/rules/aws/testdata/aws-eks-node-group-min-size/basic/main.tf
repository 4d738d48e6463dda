variable "min_nodes" {
  type = number
}

variable "node_count" {
  type    = number
  default = 3
}

locals {
  single = 1
}

resource "aws_eks_node_group" "pass_two" {
  cluster_name  = "shop"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  scaling_config {
    min_size     = 2
    max_size     = 6
    desired_size = 2
  }
}

resource "aws_eks_node_group" "pass_from_variable_default" {
  cluster_name  = "data"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  scaling_config {
    min_size     = var.node_count
    max_size     = 6
    desired_size = var.node_count
  }
}

resource "aws_eks_node_group" "fail_one" {
  cluster_name  = "tools"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  scaling_config {
    min_size     = 1
    max_size     = 3
    desired_size = 1
  }
}

resource "aws_eks_node_group" "fail_one_from_local" {
  cluster_name  = "batch"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  scaling_config {
    min_size     = local.single
    max_size     = 3
    desired_size = 2
  }
}

resource "aws_eks_node_group" "unknown_variable" {
  cluster_name  = "ml"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  scaling_config {
    min_size     = var.min_nodes
    max_size     = 6
    desired_size = 3
  }
}

resource "aws_eks_node_group" "skip_scales_from_zero" {
  cluster_name  = "gpu"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  scaling_config {
    min_size     = 0
    max_size     = 4
    desired_size = 0
  }
}
