# An add-on of an unknown cluster that collects no metrics (coredns) is no
# evidence, whichever cluster it joins.
variable "cluster" {
  type = string
}

resource "aws_eks_cluster" "fail_coredns_of_unknown_cluster" {
  name     = "shop"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}

resource "aws_eks_addon" "coredns" {
  cluster_name = var.cluster
  addon_name   = "coredns"
}
