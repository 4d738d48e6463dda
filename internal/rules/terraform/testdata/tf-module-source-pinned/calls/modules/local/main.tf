# local module: versioned with its caller
