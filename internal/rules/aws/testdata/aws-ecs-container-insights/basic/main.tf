resource "aws_ecs_cluster" "pass_insights" {
  name = "shop"
  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_ecs_cluster" "fail_no_setting" {
  name = "batch"
}

resource "aws_ecs_cluster" "fail_disabled" {
  name = "tools"
  setting {
    name  = "containerInsights"
    value = "disabled"
  }
}
