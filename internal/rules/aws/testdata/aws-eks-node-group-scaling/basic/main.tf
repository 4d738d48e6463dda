variable "max_nodes" {
  type = number
}

resource "aws_eks_node_group" "pass_room" {
  cluster_name  = "shop"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  scaling_config {
    min_size     = 2
    max_size     = 6
    desired_size = 2
  }
}

resource "aws_eks_node_group" "fail_at_max" {
  cluster_name  = "tools"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  scaling_config {
    min_size     = 1
    max_size     = 3
    desired_size = 3
  }
}

resource "aws_eks_node_group" "fail_fixed" {
  cluster_name  = "data"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  scaling_config {
    min_size     = 2
    max_size     = 2
    desired_size = 2
  }
}

resource "aws_eks_node_group" "unknown_max" {
  cluster_name  = "ml"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  scaling_config {
    min_size     = 2
    max_size     = var.max_nodes
    desired_size = 2
  }
}

resource "aws_eks_node_group" "pass_scale_from_zero" {
  cluster_name  = "gpu"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  scaling_config {
    min_size     = 0
    max_size     = 4
    desired_size = 0
  }
}
