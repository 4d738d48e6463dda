# One subnet each, given as ids of subnets outside the stack: each group may
# be in its own zone, which the code cannot tell.
resource "aws_eks_node_group" "unknown_zone_a" {
  cluster_name  = "shop"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-0a1b2c3d"]
  scaling_config {
    min_size     = 1
    max_size     = 4
    desired_size = 1
  }
}

resource "aws_eks_node_group" "unknown_zone_b" {
  cluster_name  = "shop"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-4e5f6a7b"]
  scaling_config {
    min_size     = 1
    max_size     = 4
    desired_size = 1
  }
}

resource "aws_eks_node_group" "fail_alone" {
  cluster_name  = "tools"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-4e5f6a7b"]
  scaling_config {
    min_size     = 1
    max_size     = 4
    desired_size = 1
  }
}
