# One node group per zone, as the cluster autoscaler recommends for pods
# with zonal EBS volumes: each group is in one zone, the cluster in three.
locals {
  zones = toset(["eu-west-1a", "eu-west-1b", "eu-west-1c"])
}

resource "aws_subnet" "private" {
  for_each          = local.zones
  vpc_id            = "vpc-12345678"
  availability_zone = each.value
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, index(tolist(local.zones), each.value))
}

resource "aws_eks_cluster" "main" {
  name     = "shop"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = [for s in aws_subnet.private : s.id]
  }
}

resource "aws_eks_node_group" "pass_per_zone" {
  for_each      = local.zones
  cluster_name  = aws_eks_cluster.main.name
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = [aws_subnet.private[each.key].id]
  scaling_config {
    min_size     = 1
    max_size     = 4
    desired_size = 1
  }
}

# Another cluster's single-zone node group gains nothing from the groups above.
resource "aws_eks_node_group" "fail_other_cluster_one_zone" {
  cluster_name  = "other"
  node_role_arn = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids    = [aws_subnet.private["eu-west-1a"].id]
  scaling_config {
    min_size     = 2
    max_size     = 4
    desired_size = 2
  }
}
