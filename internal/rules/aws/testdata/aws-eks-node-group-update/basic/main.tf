variable "max_unavailable" {
  type = number
}

variable "update" {
  type = object({ max_unavailable = number })
  default = {
    max_unavailable = 1
  }
}

resource "aws_eks_node_group" "pass_default" {
  cluster_name  = "shop"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  scaling_config {
    min_size     = 2
    max_size     = 6
    desired_size = 3
  }
}

resource "aws_eks_node_group" "pass_percentage" {
  cluster_name  = "data"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  scaling_config {
    min_size     = 2
    max_size     = 6
    desired_size = 3
  }
  update_config {
    max_unavailable_percentage = 33
  }
}

resource "aws_eks_node_group" "pass_from_variable_default" {
  cluster_name  = "search"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  scaling_config {
    min_size     = 2
    max_size     = 6
    desired_size = 3
  }
  update_config {
    max_unavailable = var.update.max_unavailable
  }
}

resource "aws_eks_node_group" "fail_all_at_once" {
  cluster_name  = "tools"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  scaling_config {
    min_size     = 2
    max_size     = 6
    desired_size = 3
  }
  update_config {
    max_unavailable = 3
  }
}

resource "aws_eks_node_group" "fail_percentage_100" {
  cluster_name  = "batch"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  scaling_config {
    min_size     = 2
    max_size     = 6
    desired_size = 4
  }
  update_config {
    max_unavailable_percentage = 100
  }
}

resource "aws_eks_node_group" "pass_single_node" {
  cluster_name  = "edge"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  scaling_config {
    min_size     = 1
    max_size     = 2
    desired_size = 1
  }
  update_config {
    max_unavailable = 1
  }
}

resource "aws_eks_node_group" "unknown_variable" {
  cluster_name  = "ml"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  scaling_config {
    min_size     = 2
    max_size     = 6
    desired_size = 3
  }
  update_config {
    max_unavailable = var.max_unavailable
  }
}
