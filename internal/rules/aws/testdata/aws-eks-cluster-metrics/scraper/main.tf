resource "aws_prometheus_workspace" "main" {
  alias = "shop"
}

resource "aws_security_group" "scraper" {
  name   = "amp-scraper"
  vpc_id = "vpc-12345678"
}

resource "aws_eks_cluster" "pass_amp_scraper" {
  name     = "shop"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}

resource "aws_prometheus_scraper" "shop" {
  source {
    eks {
      cluster_arn        = aws_eks_cluster.pass_amp_scraper.arn
      subnet_ids         = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
      security_group_ids = [aws_security_group.scraper.id]
    }
  }
  destination {
    amp {
      workspace_arn = aws_prometheus_workspace.main.arn
    }
  }
  scrape_configuration = <<-YAML
    global:
      scrape_interval: 30s
    scrape_configs:
      - job_name: pods
        kubernetes_sd_configs:
          - role: pod
  YAML
}

resource "aws_eks_cluster" "fail_other_cluster" {
  name     = "tools"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}
