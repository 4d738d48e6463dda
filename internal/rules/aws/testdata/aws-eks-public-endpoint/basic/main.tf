resource "aws_eks_cluster" "fail_default_public" {
  name     = "shop"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}

resource "aws_eks_cluster" "fail_world_listed" {
  name     = "tools"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids          = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    public_access_cidrs = ["0.0.0.0/0"]
  }
}

resource "aws_eks_cluster" "pass_private" {
  name     = "payments"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids              = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    endpoint_private_access = true
    endpoint_public_access  = false
  }
}

resource "aws_eks_cluster" "pass_office_only" {
  name     = "data"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids              = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    endpoint_private_access = true
    public_access_cidrs     = ["203.0.113.0/24"]
  }
}
