# A root module of only variables, locals and outputs (a naming or
# tagging convention, say) uses no provider: nothing to pin.
variable "environment" {
  type = string
}

locals {
  prefix = "shop-${var.environment}"
}

output "prefix" {
  value = local.prefix
}
