variable "types" {
  type = list(string)
}

resource "aws_eks_node_group" "pass_spot_types" {
  cluster_name    = "main"
  node_group_name = "spot"
  node_role_arn   = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids      = ["subnet-a", "subnet-b"]
  capacity_type   = "SPOT"
  instance_types  = ["m6i.large", "m5.large", "m6a.large"]
  scaling_config {
    desired_size = 2
    min_size     = 2
    max_size     = 6
  }
}

# capacity_type defaults to ON_DEMAND: not judged.
resource "aws_eks_node_group" "skip_on_demand" {
  cluster_name    = "main"
  node_group_name = "od"
  node_role_arn   = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids      = ["subnet-a", "subnet-b"]
  instance_types  = ["m6i.large"]
  scaling_config {
    desired_size = 2
    min_size     = 2
    max_size     = 6
  }
}

resource "aws_eks_node_group" "fail_spot_one_type" {
  cluster_name    = "main"
  node_group_name = "spot-one"
  node_role_arn   = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids      = ["subnet-a", "subnet-b"]
  capacity_type   = "SPOT"
  instance_types  = ["m6i.large"]
  scaling_config {
    desired_size = 2
    min_size     = 2
    max_size     = 6
  }
}

# instance_types omitted: t3.medium only.
resource "aws_eks_node_group" "fail_spot_default_type" {
  cluster_name    = "main"
  node_group_name = "spot-default"
  node_role_arn   = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids      = ["subnet-a", "subnet-b"]
  capacity_type   = "SPOT"
  scaling_config {
    desired_size = 2
    min_size     = 2
    max_size     = 6
  }
}

resource "aws_eks_node_group" "unknown_types" {
  cluster_name    = "main"
  node_group_name = "spot-var"
  node_role_arn   = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids      = ["subnet-a", "subnet-b"]
  capacity_type   = "SPOT"
  instance_types  = var.types
  scaling_config {
    desired_size = 2
    min_size     = 2
    max_size     = 6
  }
}
