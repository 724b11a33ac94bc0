/**
 * Name lists for generated people and studios. Common given names and surnames, with a few
 * that exercise display code: two-word first names (the back name drops the space), particles
 * and apostrophes in surnames, accented letters.
 */

/** Comma-separated names, so that long lists stay readable. */
const list = (text: string): string[] =>
  text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);

export const MALE_FIRST_NAMES = list(`
  James, John, Robert, Michael, William, David, Richard, Joseph, Thomas, Charles, Daniel,
  Matthew, Anthony, Mark, Steven, Paul, Andrew, Joshua, Kevin, Brian, George, Edward, Ronald,
  Timothy, Jason, Jeffrey, Ryan, Jacob, Gary, Nicholas, Eric, Jonathan, Stephen, Larry, Justin,
  Scott, Brandon, Benjamin, Samuel, Gregory, Alexander, Patrick, Frank, Raymond, Jack, Dennis,
  Jerry, Tyler, Aaron, José, Adam, Nathan, Henry, Douglas, Peter, Zachary, Kyle, Walter, Harold,
  Carl, Arthur, Gerald, Roger, Keith, Lawrence, Sean, Christian, Albert, Ethan, Austin, Bruce,
  Jordan, Ralph, Noah, Dylan, Wayne, Alan, Juan, Louis, Russell, Gabriel, Philip, Vincent, Marco,
  Dmitri, Luca, Mateo, Hiroshi, Rajesh, John Paul
`);

export const FEMALE_FIRST_NAMES = list(`
  Mary, Patricia, Jennifer, Linda, Elizabeth, Barbara, Susan, Jessica, Sarah, Karen, Lisa, Nancy,
  Betty, Sandra, Margaret, Ashley, Kimberly, Emily, Donna, Michelle, Carol, Amanda, Melissa,
  Deborah, Stephanie, Dorothy, Rebecca, Sharon, Laura, Cynthia, Amy, Kathleen, Angela, Shirley,
  Brenda, Emma, Anna, Pamela, Nicole, Samantha, Katherine, Christine, Helen, Debra, Rachel,
  Carolyn, Janet, Maria, Catherine, Heather, Diane, Olivia, Julie, Joyce, Victoria, Ruth,
  Virginia, Lauren, Kelly, Christina, Joan, Evelyn, Judith, Andrea, Hannah, Megan, Cheryl,
  Jacqueline, Martha, Madison, Teresa, Gloria, Sara, Janice, Ann, Kathryn, Abigail, Sophia,
  Frances, Jean, Alice, Judy, Isabella, Julia, Grace, Amber, Denise, Danielle, Marilyn, Beverly,
  Charlotte, Natalie, Diana, Doris, Alexis, Marie, Mary Ann, Anna Maria, Zoë, Ingrid, Yuki,
  Priya, Elena, Natasha, Valentina, Chloé
`);

export const LAST_NAMES = list(`
  Smith, Johnson, Williams, Brown, Jones, Garcia, Miller, Davis, Rodriguez, Martinez, Hernandez,
  Lopez, Gonzalez, Wilson, Anderson, Thomas, Taylor, Moore, Jackson, Martin, Lee, Perez,
  Thompson, White, Harris, Sanchez, Clark, Ramirez, Lewis, Robinson, Walker, Young, Allen, King,
  Wright, Scott, Torres, Nguyen, Hill, Flores, Green, Adams, Nelson, Baker, Hall, Rivera,
  Campbell, Mitchell, Carter, Roberts, Gomez, Phillips, Evans, Turner, Diaz, Parker, Cruz,
  Edwards, Collins, Reyes, Stewart, Morris, Morales, Murphy, Cook, Rogers, Gutierrez, Ortiz,
  Morgan, Cooper, Peterson, Bailey, Reed, Kelly, Howard, Ramos, Kim, Cox, Ward, Richardson,
  Watson, Brooks, Chavez, Wood, James, Bennett, Gray, Mendoza, Ruiz, Hughes, Price, Alvarez,
  Castillo, Sanders, Patel, Myers, Long, Ross, Foster, Jimenez, Powell, Jenkins, Perry, Russell,
  Sullivan, Bell, Coleman, Butler, Henderson, Barnes, Fisher, Vasquez, Simmons, Romero, Jordan,
  Patterson, Hamilton, Graham, Reynolds, Griffin, Wallace, Moreno, West, Cole, Hayes, Bryant,
  Herrera, Gibson, Ellis, Tran, Medina, Aguilar, Stevens, Murray, Ford, Castro, Marshall, Owens,
  Harrison, Fernandez, McDonald, Woods, Kennedy, Wells, Vargas, Chen, Freeman, Webb, Tucker,
  Burns, Crawford, Olson, Simpson, Porter, Hunter, Gordon, Silva, Shaw, Snyder, Mason, Dixon,
  Muñoz, Hunt, Hicks, Holmes, Palmer, Wagner, Black, Robertson, Boyd, Rose, Stone, Salazar, Fox,
  Warren, Mills, Meyer, Rice, Schmidt, Garza, Daniels, Ferguson, Nichols, Stephens, Soto, Weaver,
  Ryan, Gardner, Payne, Grant, O'Brien, O'Connor, Van der Berg, De la Cruz, Kowalski, Novak,
  Ivanova, Petrov, Rossi, Müller, Yamamoto, Tanaka, Nakamura, Sharma, Singh, Kaur, Lindqvist,
  Johansson, Dubois, Moreau
`);

/** Studio names are "<place> <kind>"; every studio gets its own place. */
export const STUDIO_PLACES = list(`
  Starlight, Grand, Metro, Harbor, Riverside, Uptown, Golden Gate, Silver Lake, Northside,
  Capital, Crystal, Summit, Lakeside, Paramount, Sunset, Magnolia, Cedar Park, Bayview, Heritage,
  Legacy, Broadway, Main Street, Westfield, Evergreen, Hillcrest, Oak Ridge, Maple Grove,
  Pinecrest, Coastal, Desert Rose, Blue Ridge, Red Rock, Willow Creek, Brookside, Fairview,
  Highland, Park Avenue, Union Square, Rosewood, Mill Valley, Stonebridge, Kingsley, Camden,
  Ashford, Belmont
`);

export const STUDIO_KINDS = list(`
  Ballroom, Dance Studio, Dance Center, Dancesport, School of Dance, Dance Academy,
  Ballroom & Latin
`);
