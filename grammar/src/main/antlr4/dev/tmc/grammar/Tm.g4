// The tmc pipeline language. This grammar is the truth about the syntax;
// docs/language.md explains the meaning. Nothing downstream of the compiler's
// AstBuilder sees these parse-tree types.
grammar Tm;

file
    : packageDecl? precisionDecl? decl* EOF
    ;

packageDecl
    : PACKAGE qualifiedName SEMI
    ;

qualifiedName
    : IDENT (DOT IDENT)*
    ;

precisionDecl
    : PRECISION IDENT SEMI
    ;

decl
    : fnDecl
    | pipelineDecl
    ;

// fn gelu(x) = ...;  or  fn softmax(x, axis = -1) { let ...; return ...; }
fnDecl
    : FN IDENT LPAREN (fnParam (COMMA fnParam)*)? RPAREN (ASSIGN expr SEMI | block)
    ;

fnParam
    : IDENT (ASSIGN expr)?
    ;

pipelineDecl
    : PIPELINE IDENT LPAREN (param (COMMA param)*)? RPAREN ARROW outputs block
    ;

param
    : IDENT COLON typeRef (ASSIGN expr)?
    ;

outputs
    : typeRef                                            # singleOutput
    | LPAREN namedOutput (COMMA namedOutput)* RPAREN     # namedOutputs
    ;

namedOutput
    : IDENT COLON typeRef
    ;

// f32 is a scalar, f32[] a rank-0 tensor, f16[N, 4] a tensor.
typeRef
    : IDENT (LBRACK (dim (COMMA dim)*)? RBRACK)?
    ;

dim
    : LPAREN dim RPAREN                  # parenDim
    | dim op=(STAR | SLASH) dim          # mulDim
    | dim op=(PLUS | MINUS) dim          # addDim
    | INT                                # literalDim
    | IDENT                              # symbolDim
    ;

block
    : LBRACE stmt* RBRACE
    ;

stmt
    : LET IDENT ASSIGN expr SEMI         # letStmt
    | RETURN expr SEMI                   # returnStmt
    | PRECISION IDENT SEMI               # precisionStmt
    ;

// Alternatives are listed from the tightest binding to the loosest.
expr
    : primary                                                # primaryExpr
    | expr LBRACK sliceArg (COMMA sliceArg)* RBRACK          # indexExpr
    | <assoc = right> expr POW expr                          # powExpr
    | op=(MINUS | BANG) expr                                 # unaryExpr
    | expr AS IDENT                                          # castExpr
    | expr op=(STAR | SLASH | PERCENT | AT) expr             # mulExpr
    | expr op=(PLUS | MINUS) expr                            # addExpr
    | expr op=(EQ | NE | LT | LE | GT | GE) expr             # compareExpr
    | expr AND expr                                          # andExpr
    | expr OR expr                                           # orExpr
    ;

primary
    : INT                                                    # intLiteral
    | FLOAT                                                  # floatLiteral
    | (TRUE | FALSE)                                         # boolLiteral
    | IDENT LPAREN (arg (COMMA arg)*)? RPAREN                # callExpr
    | IDENT                                                  # nameExpr
    | LPAREN expr (COMMA expr)* RPAREN                       # parenExpr
    | LBRACK (expr (COMMA expr)*)? RBRACK                    # listExpr
    ;

arg
    : (IDENT ASSIGN)? sliceArg
    ;

// A call argument or an index: an expression or a range start:stop:step.
sliceArg
    : expr                                                   # plainArg
    | lower=expr? COLON upper=expr? (COLON step=expr?)?      # rangeArg
    ;

PACKAGE   : 'package';
PRECISION : 'precision';
FN        : 'fn';
PIPELINE  : 'pipeline';
LET       : 'let';
RETURN    : 'return';
AS        : 'as';
TRUE      : 'true';
FALSE     : 'false';

ARROW   : '->';
EQ      : '==';
NE      : '!=';
LE      : '<=';
GE      : '>=';
AND     : '&&';
OR      : '||';
POW     : '**';
LT      : '<';
GT      : '>';
ASSIGN  : '=';
BANG    : '!';
PLUS    : '+';
MINUS   : '-';
STAR    : '*';
SLASH   : '/';
PERCENT : '%';
AT      : '@';
LPAREN  : '(';
RPAREN  : ')';
LBRACK  : '[';
RBRACK  : ']';
LBRACE  : '{';
RBRACE  : '}';
COMMA   : ',';
COLON   : ':';
SEMI    : ';';
DOT     : '.';

FLOAT
    : DIGITS '.' DIGITS? EXPONENT?
    | '.' DIGITS EXPONENT?
    | DIGITS EXPONENT
    ;

INT
    : DIGITS
    ;

IDENT
    : [a-zA-Z_] [a-zA-Z_0-9]*
    ;

fragment DIGITS   : [0-9] ('_'? [0-9])*;
fragment EXPONENT : [eE] [+-]? [0-9]+;

LINE_COMMENT  : '//' ~[\r\n]* -> skip;
BLOCK_COMMENT : '/*' .*? '*/' -> skip;
WS            : [ \t\r\n\f]+ -> skip;

// Anything else is one bad character; the parser reports it with its position.
ERROR_CHAR : . ;
