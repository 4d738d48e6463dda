variable "addon" {
  type = string
}

variable "cluster" {
  type = string
}

resource "aws_eks_cluster" "pass_cloudwatch_addon" {
  name     = "shop"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}

resource "aws_eks_addon" "observability" {
  cluster_name = aws_eks_cluster.pass_cloudwatch_addon.name
  addon_name   = "amazon-cloudwatch-observability"
}

resource "aws_eks_cluster" "pass_adot_by_name" {
  name     = "data"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}

# Names the cluster by its name rather than a reference.
resource "aws_eks_addon" "adot" {
  cluster_name = "data"
  addon_name   = "adot"
}

resource "aws_eks_cluster" "fail_only_vpc_cni" {
  name     = "tools"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}

resource "aws_eks_addon" "vpc_cni" {
  cluster_name = aws_eks_cluster.fail_only_vpc_cni.name
  addon_name   = "vpc-cni"
}

resource "aws_eks_cluster" "unknown_addon_name" {
  name     = "ml"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}

resource "aws_eks_addon" "from_variable" {
  cluster_name = aws_eks_cluster.unknown_addon_name.name
  addon_name   = var.addon
}
