variable "zone_aware" {
  type = bool
}

resource "aws_opensearch_domain" "pass_zones" {
  domain_name = "search"
  cluster_config {
    instance_count         = 3
    zone_awareness_enabled = true
    zone_awareness_config {
      availability_zone_count = 3
    }
  }
}

resource "aws_opensearch_domain" "pass_standby" {
  domain_name = "standby"
  cluster_config {
    instance_count                = 3
    zone_awareness_enabled        = true
    multi_az_with_standby_enabled = true
  }
}

resource "aws_opensearch_domain" "fail_default" {
  domain_name = "single"
}

resource "aws_opensearch_domain" "fail_one_zone" {
  domain_name = "onezone"
  cluster_config {
    instance_count = 2
  }
}

resource "aws_elasticsearch_domain" "unknown_var" {
  domain_name = "legacy"
  cluster_config {
    instance_count         = 2
    zone_awareness_enabled = var.zone_aware
  }
}
