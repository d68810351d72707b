// The function app's host (written by the function-app work of issue 13).
return 0;
