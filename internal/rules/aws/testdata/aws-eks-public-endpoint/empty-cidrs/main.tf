# An empty public_access_cidrs is no setting: EKS keeps 0.0.0.0/0.
resource "aws_eks_cluster" "fail_empty_cidrs" {
  name     = "platform"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids          = ["subnet-0aaa1111", "subnet-0bbb2222"]
    public_access_cidrs = []
  }
}

resource "aws_eks_cluster" "pass_office_only" {
  name     = "tools"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids          = ["subnet-0aaa1111", "subnet-0bbb2222"]
    public_access_cidrs = ["198.51.100.0/24"]
  }
}
