# One node group per zone with one node each: the cluster keeps three
# untainted nodes. A tainted pool does not count for the others, and has
# its own pods on one node.
resource "aws_eks_cluster" "main" {
  name     = "shop"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}

resource "aws_eks_node_group" "pass_per_zone" {
  for_each      = toset(["subnet-0a1b2c3d", "subnet-4e5f6a7b", "subnet-8c9d0e1f"])
  cluster_name  = aws_eks_cluster.main.name
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = [each.value]
  scaling_config {
    min_size     = 1
    max_size     = 4
    desired_size = 1
  }
}

resource "aws_eks_node_group" "fail_tainted_pool" {
  cluster_name  = aws_eks_cluster.main.name
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  scaling_config {
    min_size     = 1
    max_size     = 2
    desired_size = 1
  }
  taint {
    key    = "dedicated"
    value  = "ingest"
    effect = "NO_SCHEDULE"
  }
}

resource "aws_eks_node_group" "fail_other_cluster" {
  cluster_name  = "other"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  scaling_config {
    min_size     = 1
    max_size     = 3
    desired_size = 1
  }
}
