# Inherits the root module's default aws provider and its default_tags.
resource "aws_cloudwatch_log_group" "pass_inherits_default_tags" {
  name = "/app/web"
}
