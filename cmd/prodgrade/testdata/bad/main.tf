# A file with a syntax error on line 4: the scan reports it and goes on.
resource "random_pet" "name" {
  length = 2
  prefix = "a" +
}
