//! secmd core
