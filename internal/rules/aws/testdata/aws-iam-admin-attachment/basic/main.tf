resource "aws_iam_role_policy_attachment" "fail_admin" {
  role       = "ci"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role_policy_attachment" "pass_read_only" {
  role       = "auditor"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_policy" "app" {
  name = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["sqs:SendMessage"], Resource = "*" }]
  })
}

resource "aws_iam_role_policy_attachment" "pass_stack_policy" {
  role       = "app"
  policy_arn = aws_iam_policy.app.arn
}
