variable "cluster" {
  type = string
}

resource "aws_eks_cluster" "unknown_addon_cluster_from_variable" {
  name     = "batch"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}

# An add-on of a cluster named by a variable with no value may be this one's.
resource "aws_eks_addon" "observability" {
  cluster_name = var.cluster
  addon_name   = "amazon-cloudwatch-observability"
}
