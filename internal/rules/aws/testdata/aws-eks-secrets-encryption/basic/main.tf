variable "kms_key_arn" {
  type = string
}

variable "encrypted_resources" {
  type = list(string)
}

variable "encryption" {
  type = list(object({ key_arn = string }))
}

resource "aws_kms_key" "eks" {
  description         = "EKS secrets"
  enable_key_rotation = true
}

resource "aws_eks_cluster" "fail_no_encryption_config" {
  name     = "shop"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}

resource "aws_eks_cluster" "pass_kms_key_resource" {
  name     = "payments"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.eks.arn
    }
  }
}

# A key ARN from a variable with no value: the block is written, so some key
# encrypts the secrets whatever its ARN.
resource "aws_eks_cluster" "pass_key_from_variable" {
  name     = "data"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = var.kms_key_arn
    }
  }
}

resource "aws_eks_cluster" "unknown_resources" {
  name     = "tools"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
  encryption_config {
    resources = var.encrypted_resources
    provider {
      key_arn = aws_kms_key.eks.arn
    }
  }
}

resource "aws_eks_cluster" "unknown_dynamic_block" {
  name     = "ml"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
  dynamic "encryption_config" {
    for_each = var.encryption
    content {
      resources = ["secrets"]
      provider {
        key_arn = encryption_config.value.key_arn
      }
    }
  }
}

resource "aws_eks_cluster" "pass_dynamic_block_known" {
  name     = "search"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
  dynamic "encryption_config" {
    for_each = [aws_kms_key.eks.arn]
    content {
      resources = ["secrets"]
      provider {
        key_arn = encryption_config.value
      }
    }
  }
}

resource "aws_eks_cluster" "fail_dynamic_block_empty" {
  name     = "batch"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
  dynamic "encryption_config" {
    for_each = []
    content {
      resources = ["secrets"]
      provider {
        key_arn = aws_kms_key.eks.arn
      }
    }
  }
}
